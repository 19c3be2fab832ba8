package io.cohort.client.pptp;

import io.cohort.client.ClientSession;
import io.cohort.client.PingResult;
import io.cohort.client.SessionClosing;
import io.cohort.client.SessionSetupException;
import io.cohort.client.SessionTraffic;
import io.cohort.ppp.Phase;
import io.cohort.ppp.PppLink;
import io.cohort.ppp.PppLinkConfig;
import io.cohort.ppp.PppLinkEvents;
import io.cohort.pptp.control.ClientControlConnection;
import io.cohort.pptp.control.PptpCall;
import io.cohort.pptp.gre.GreChannel;
import io.cohort.pptp.gre.GreChannelSettings;
import io.cohort.pptp.gre.GrePacket;
import io.cohort.pptp.gre.GreSequenceState;
import io.cohort.telemetry.Counters;
import io.cohort.time.Scheduler;
import java.net.Inet4Address;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;

/**
 * One PPTP call (PNS side) carrying one client-role {@link PppLink} with MPPE: PPP frames go out
 * through the call's {@link GreChannel}, GRE payloads come back into the link. The call is placed
 * by the {@link PptpClient}; this object lives from the Outgoing-Call-Request to the
 * Call-Disconnect-Notify. Engine state is touched only on the engine thread; the public methods
 * hop onto it.
 */
final class PptpSession implements ClientSession, PppLinkEvents {
    private static final Duration TERMINATE_GRACE = Duration.ofSeconds(2);
    /**
     * GRE packets kept while the Outgoing-Call-Reply is still on its way: the server starts LCP as
     * soon as it has replied, and its first packet (over IP) can overtake the reply (over TCP).
     * Dropping it would cost an LCP restart interval (3 s).
     */
    private static final int EARLY_PACKETS = 8;

    private final int callId;
    private final ClientControlConnection control;
    private final Consumer<ByteBuffer> greOut;
    private final Executor engine;
    private final Scheduler scheduler;
    private final Counters counters;
    private final String user;
    private final PppLink link;
    private final GreChannelSettings greSettings;
    private final SessionTraffic traffic;
    private final CompletableFuture<ClientSession> up = new CompletableFuture<>();
    private final CompletableFuture<String> down = new CompletableFuture<>();
    /** {@link #close} started the end (engine thread): not worth a log line when it comes. */
    private boolean closedByClient;
    private GreChannel channel; // engine thread; null until the call is up
    private final List<GrePacket> early = new ArrayList<>(); // engine thread; before the call is up
    private volatile Inet4Address address;
    private volatile Inet4Address gateway;

    PptpSession(int callId, ClientControlConnection control, Consumer<ByteBuffer> greOut, Executor engine,
                Scheduler scheduler, PppLinkConfig pppConfig, GreChannelSettings greSettings, Counters counters,
                String user) {
        this.callId = callId;
        this.control = control;
        this.greOut = greOut;
        this.engine = engine;
        this.scheduler = scheduler;
        this.counters = counters;
        this.user = user;
        this.greSettings = greSettings;
        this.traffic = new SessionTraffic(callId);
        this.link = new PppLink(pppConfig, scheduler, engine, this);
    }

    int callId() {
        return callId;
    }

    /** Completes when IPCP is up (after MPPE, RFC 3078 9); fails with a {@link SessionSetupException}. */
    CompletableFuture<ClientSession> up() {
        return up;
    }

    /** Completes with the reason once the call is gone. */
    @Override
    public CompletionStage<String> ended() {
        return down;
    }

    CompletableFuture<String> down() {
        return down;
    }

    // --- control connection side, engine thread ---

    /** The Outgoing-Call-Reply said Connected: GRE with the server's window and delay (4.2, 4.4), then LCP. */
    void callUp(PptpCall call) {
        channel = new GreChannel(call.peerCallId(), call.peerReceiveWindow(), call.peerProcessingDelay(),
                call.receiveWindow(), greSettings, GreSequenceState.INITIAL, scheduler,
                new GreChannel.Output() {
                    @Override public void transmit(ByteBuffer grePacket) {
                        greOut.accept(grePacket);
                    }

                    @Override public void deliver(ByteBuffer pppFrame) {
                        link.receive(pppFrame);
                    }
                }, counters);
        link.open();
        early.forEach(channel::receive);
        early.clear();
    }

    /** A GRE packet whose key is our Call ID. */
    void greReceived(GrePacket packet) {
        if (channel != null) {
            channel.receive(packet);
        } else if (early.size() < EARLY_PACKETS) {
            early.add(packet);
        } else {
            counters.counter("pptp.client.gre.rx.before_call_up").increment();
        }
    }

    void callFailed(String reason) {
        up.completeExceptionally(new SessionSetupException(reason));
        down.complete(reason);
    }

    void callDown(String reason) {
        if (!down.isDone() && !closedByClient) {
            System.getLogger(getClass().getName()).log(System.Logger.Level.INFO, "session " + this
                    + " ended: " + reason);
        }
        up.completeExceptionally(new SessionSetupException(reason));
        if (channel != null) {
            channel.close();
        }
        if (link.phase() != Phase.DEAD) {
            link.close(reason);
        }
        down.complete(reason);
    }

    // --- PPP side, engine thread ---

    @Override
    public void transmit(ByteBuffer frame) {
        if (channel == null) {
            counters.counter("pptp.client.tx.before_call_up").increment();
        } else if (!channel.send(frame)) {
            counters.counter("pptp.client.tx.window_full_dropped").increment(); // 4.2.4; PPP copes with loss
        }
    }

    @Override public void authenticated(String who) { }

    @Override
    public void ipv4Up(Inet4Address local, Inet4Address peer) {
        address = local;
        gateway = peer;
        up.complete(this);
    }

    @Override public void ipv6Up(long localInterfaceId, long peerInterfaceId) { }

    @Override
    public void received(int protocol, ByteBuffer packet) {
        if (protocol == PptpClient.PPP_IPV4) {
            traffic.delivered(packet);
        }
    }

    /** PPP is over (terminated, refused, or MPPE not agreed): hang up the call (3.2.4.2). */
    @Override
    public void linkDown(String reason) {
        up.completeExceptionally(new SessionSetupException(reason));
        control.clearCall(callId);
    }

    // --- public API, any thread ---

    @Override public Inet4Address address() { return address; }
    @Override public Inet4Address gateway() { return gateway; }
    @Override public String user() { return user; }
    @Override public String authMethod() { return "MS-CHAPv2"; }
    @Override public long bytesIn() { return traffic.bytesIn(); }
    @Override public long bytesOut() { return traffic.bytesOut(); }
    @Override public long packetsIn() { return traffic.packetsIn(); }
    @Override public long packetsOut() { return traffic.packetsOut(); }

    @Override
    public void onIpv4(Consumer<ByteBuffer> receiver) {
        traffic.onIpv4(receiver);
    }

    @Override
    public void sendIpv4(ByteBuffer packet) {
        ByteBuffer copy = ByteBuffer.allocate(packet.remaining()).put(packet.duplicate()).flip();
        try {
            engine.execute(() -> {
                int length = copy.remaining();
                if (link.sendIpv4(copy)) {
                    traffic.sent(length);
                }
            });
        } catch (RejectedExecutionException e) {
            counters.counter("pptp.client.tx.after_close").increment();
        }
    }

    /** Engine thread: {@code packet} through the link at once (not copied, not modified). */
    boolean sendIpv4OnEngine(ByteBuffer packet) {
        int length = packet.remaining();
        if (link.sendIpv4(packet)) {
            traffic.sent(length);
            return true;
        }
        return false;
    }

    @Override
    public PingResult ping(Inet4Address target, int count, Duration timeout) {
        return traffic.ping(address, target, count, timeout, this::sendIpv4);
    }

    /** PPP Terminate-Request, then Call-Clear-Request once LCP is down (or after a grace period). */
    @Override
    public void close() {
        SessionClosing.closeAndAwait(engine, this::startClosing, down, TERMINATE_GRACE.plusSeconds(2));
    }

    void startClosing() {
        if (down.isDone()) {
            return;
        }
        closedByClient = true;
        link.close("client closed the session");
        scheduler.schedule(TERMINATE_GRACE, () -> control.clearCall(callId));
    }

    @Override
    public String toString() {
        return "ClientSession[user=" + user + ", pptp call=" + callId + ", address=" + address + "]";
    }
}
