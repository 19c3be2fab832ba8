package io.cohort.client;

import io.cohort.l2tp.L2tpNode;
import io.cohort.l2tp.session.SessionHandle;
import io.cohort.l2tp.tunnel.TunnelHandle;
import io.cohort.ppp.Phase;
import io.cohort.ppp.PppLink;
import io.cohort.ppp.PppLinkConfig;
import io.cohort.ppp.PppLinkEvents;
import io.cohort.ppp.lcp.AuthMethod;
import io.cohort.time.Scheduler;
import java.net.Inet4Address;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

/**
 * A client session: one L2TP call (LAC side) carrying one client-role {@link PppLink}. L2TP data
 * frames go to {@link PppLink#receive}, PPP frames come back through {@link #transmit}. Engine
 * state is touched only on the engine thread; the public methods hop onto it.
 */
final class TunnelledSession implements ClientSession, PppLinkEvents {
    private static final int IPV4 = 0x0021;
    private static final Duration TERMINATE_GRACE = Duration.ofSeconds(2);
    /**
     * One LCP restart interval (RFC 1661 4.6): with many calls placed at once on one tunnel our ICCN
     * can queue behind the other calls' ICRQs for longer than half a second; a Configure-Request sent
     * before it arrives is dropped by the LNS and costs a restart interval anyway.
     */
    private static final Duration PASSIVE_OPEN_WAIT = Duration.ofSeconds(3);

    private final L2tpNode node;
    private final Executor engine;
    private final Scheduler scheduler;
    private final SessionHandle handle;
    private final TunnelHandle tunnel;
    private final String user;
    private final PppLink link;
    private final SessionTraffic traffic;
    private final CompletableFuture<ClientSession> up = new CompletableFuture<>();
    private final CompletableFuture<String> down = new CompletableFuture<>();
    /** {@link #close} started the end (engine thread): not worth a log line when it comes. */
    private boolean closedByClient;
    private volatile Inet4Address address;
    private volatile Inet4Address gateway;
    private volatile String authMethod = "none";

    TunnelledSession(L2tpNode node, Executor engine, Scheduler scheduler, TunnelHandle tunnel, SessionHandle handle,
            PppLinkConfig pppConfig, String user) {
        this.node = node;
        this.engine = engine;
        this.scheduler = scheduler;
        this.tunnel = tunnel;
        this.handle = handle;
        this.user = user;
        this.traffic = new SessionTraffic(handle.localSessionId());
        this.link = new PppLink(pppConfig, scheduler, engine, this);
    }

    TunnelHandle tunnel() {
        return tunnel;
    }

    SessionHandle handle() {
        return handle;
    }

    /** Completes when IPCP is up; fails with a {@link SessionSetupException} giving the reason. */
    CompletableFuture<ClientSession> up() {
        return up;
    }

    /** Completes with the reason once the L2TP session is gone. */
    @Override
    public CompletionStage<String> ended() {
        return down;
    }

    CompletableFuture<String> down() {
        return down;
    }

    // --- L2TP side, engine thread ---

    /**
     * The call is up on our side, but our ICCN may still wait in the control channel's window, and
     * an LNS drops data for a call it has not seen connected. So PPP starts when the LNS's first
     * frame (its LCP Configure-Request) proves the ICCN arrived, or after {@link #PASSIVE_OPEN_WAIT}
     * for an LNS that waits for us.
     */
    void l2tpUp() {
        scheduler.schedule(PASSIVE_OPEN_WAIT, link::open);
    }

    void l2tpData(ByteBuffer frame) {
        link.open(); // no-op once open
        link.receive(frame);
    }

    void l2tpDown(String reason) {
        if (!down.isDone() && !closedByClient) {
            System.getLogger(getClass().getName()).log(System.Logger.Level.INFO, "session " + this
                    + " ended: " + reason);
        }
        up.completeExceptionally(new SessionSetupException(reason));
        if (link.phase() != Phase.DEAD) {
            link.close(reason);
        }
        down.complete(reason);
    }

    /** Ends the session now: PPP closed and CDN sent without waiting for the peer. */
    void abort(String reason) {
        up.completeExceptionally(new SessionSetupException(reason));
        link.close(reason);
        node.closeSession(handle, reason);
    }

    // --- PPP side, engine thread ---

    @Override
    public void transmit(ByteBuffer frame) {
        node.sendData(handle, frame);
    }

    @Override
    public void authenticated(String who) { }

    @Override
    public void ipv4Up(Inet4Address local, Inet4Address peer) {
        address = local;
        gateway = peer;
        authMethod = link.snapshot().authMethod().map(TunnelledSession::methodName).orElse("none");
        up.complete(this);
    }

    @Override
    public void ipv6Up(long localInterfaceId, long peerInterfaceId) { }

    @Override
    public void received(int protocol, ByteBuffer packet) {
        if (protocol != IPV4) {
            return;
        }
        traffic.delivered(packet);
    }

    @Override
    public void linkDown(String reason) {
        up.completeExceptionally(new SessionSetupException(reason));
        node.closeSession(handle, reason);
    }

    // --- public API, any thread ---

    @Override public Inet4Address address() { return address; }
    @Override public Inet4Address gateway() { return gateway; }
    @Override public String user() { return user; }
    @Override public String authMethod() { return authMethod; }
    @Override public long bytesIn() { return traffic.bytesIn(); }
    @Override public long bytesOut() { return traffic.bytesOut(); }
    @Override public long packetsIn() { return traffic.packetsIn(); }
    @Override public long packetsOut() { return traffic.packetsOut(); }

    @Override
    public void onIpv4(Consumer<ByteBuffer> r) {
        traffic.onIpv4(r);
    }

    @Override
    public void sendIpv4(ByteBuffer packet) {
        ByteBuffer copy = ByteBuffer.allocate(packet.remaining()).put(packet.duplicate()).flip();
        engine.execute(() -> {
            int length = copy.remaining();
            if (link.sendIpv4(copy)) {
                traffic.sent(length);
            }
        });
    }

    @Override
    public PingResult ping(Inet4Address target, int count, Duration timeout) {
        return traffic.ping(address, target, count, timeout, this::sendIpv4);
    }

    @Override
    public void close() {
        SessionClosing.closeAndAwait(engine, this::startClosing, down, TERMINATE_GRACE.plusSeconds(1));
    }

    /** PPP Terminate-Request now; CDN once LCP finishes, or after a grace period regardless. */
    void startClosing() {
        if (down.isDone()) {
            return;
        }
        closedByClient = true;
        link.close("client closed the session");
        scheduler.schedule(TERMINATE_GRACE, () -> node.closeSession(handle, "PPP terminate timed out"));
    }

    static String methodName(AuthMethod m) {
        return switch (m) {
            case PAP -> "PAP";
            case CHAP_MD5 -> "CHAP-MD5";
            case MSCHAP_V2 -> "MS-CHAPv2";
        };
    }

    @Override
    public String toString() {
        return "ClientSession[user=" + user + ", tunnel=" + handle.localTunnelId() + ", session="
                + handle.localSessionId() + ", address=" + address + "]";
    }
}
