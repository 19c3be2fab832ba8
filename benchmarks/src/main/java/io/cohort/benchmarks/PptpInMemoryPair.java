package io.cohort.benchmarks;

import io.cohort.wire.DecodeResult;
import io.cohort.ppp.PppLink;
import io.cohort.ppp.PppLinkConfig;
import io.cohort.ppp.PppLinkEvents;
import io.cohort.ppp.ccp.EncryptionPolicy;
import io.cohort.ppp.lcp.AuthMethod;
import io.cohort.pptp.call.RandomCallIdAllocator;
import io.cohort.pptp.control.CallCapacity;
import io.cohort.pptp.control.ClientControlConnection;
import io.cohort.pptp.control.ClientControlEvents;
import io.cohort.pptp.control.ClientControlSettings;
import io.cohort.pptp.control.ControlConnection;
import io.cohort.pptp.control.ControlConnectionEvents;
import io.cohort.pptp.control.ControlSettings;
import io.cohort.pptp.control.PptpCall;
import io.cohort.pptp.gre.GreChannel;
import io.cohort.pptp.gre.GreChannelSettings;
import io.cohort.pptp.gre.GreCodec;
import io.cohort.pptp.gre.GreDecodeError;
import io.cohort.pptp.gre.GrePacket;
import io.cohort.pptp.gre.GreSequenceState;
import io.cohort.pptp.wire.CallDisconnectResult;
import io.cohort.pptp.wire.ControlMessage;
import io.cohort.pptp.wire.PptpCodec;
import io.cohort.telemetry.RateLimitedLog;
import io.cohort.time.VirtualScheduler;
import java.net.Inet4Address;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalInt;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * The PPTP counterpart of {@link InMemoryPair}: a PNS (the client's {@link ClientControlConnection},
 * client-role {@link PppLink}s) against a PAC (Cohort's {@link ControlConnection}, server-role
 * {@link PppLink}s), both with MS-CHAPv2 and MPPE-128 stateless required, on one virtual clock,
 * no sockets. Control messages travel encoded through {@link PptpCodec} (the TCP stream); per
 * call a {@link GreChannel} on each side, whose packets are encoded, copied (as a socket would)
 * and decoded again with {@link GreCodec}, then routed by the Call ID in the key. The server's
 * GRE channels do not enforce the peer's window, as in {@code tunnel-server}
 * ({@code PptpEngineConfiguration.gre()}); the client's do not either, so that a benchmark can
 * send from it without acknowledgments coming back. Single-threaded, like an engine.
 */
final class PptpInMemoryPair {
    private static final Duration STEP = Duration.ofMillis(50);
    /** What the server uses: the defaults without enforcing the peer's window. */
    static final GreChannelSettings GRE = new GreChannelSettings(GreChannelSettings.DEFAULTS.ackDelay(),
            GreChannelSettings.DEFAULTS.minAckTimeout(), GreChannelSettings.DEFAULTS.maxAckTimeout(), false);

    /** PPP configuration shared by many pairs: {@link InMemoryPair.Shared} with MPPE-128 required. */
    static final class Shared {
        final InMemoryPair.Shared ppp = new InMemoryPair.Shared(AuthMethod.MSCHAP_V2, Duration.ZERO);
        final PppLinkConfig server = ppp.server.withEncryption(EncryptionPolicy.MPPE_128_REQUIRED);
        final PppLinkConfig client = ppp.client.withEncryption(EncryptionPolicy.MPPE_128_REQUIRED);
        final RateLimitedLog log = RateLimitedLog.standard(System.getLogger("cohort-bench"), ppp.logClock);
    }

    final Shared shared;
    final VirtualScheduler scheduler = new VirtualScheduler();
    final ClientControlConnection clientControl;
    final ControlConnection serverControl;
    /** By our own Call ID (the key of packets sent to that end). */
    final Map<Integer, End> serverCalls = new HashMap<>();
    final Map<Integer, End> clientCalls = new HashMap<>();
    private final ArrayDeque<Runnable> wire = new ArrayDeque<>();
    /** Octets of control messages each way so far: how far the TCP stream's sequence numbers moved. */
    long controlOctetsFromServer;
    long controlOctetsToServer;
    int serversUp;
    int clientsUp;
    /** Receives IPv4 packets delivered by server links (engine data path benchmark). */
    InMemoryPair.PacketSink serverSink = (session, packet) -> { };
    /** Receives the GRE packets the server sends, instead of the wire, when not null. */
    InMemoryPair.DatagramSink serverTap;
    /** Receives the GRE packets the client sends, instead of the wire, when not null. */
    InMemoryPair.DatagramSink clientTap;

    /** One end of one call: its GRE channel and its PPP link. */
    final class End implements PppLinkEvents {
        final boolean server;
        final PptpCall call;
        final GreChannel channel;
        final PppLink link;

        End(boolean server, PptpCall call) {
            this.server = server;
            this.call = call;
            this.link = new PppLink(server ? shared.server : shared.client, scheduler, Runnable::run, this);
            this.channel = new GreChannel(call.peerCallId(), call.peerReceiveWindow(), call.peerProcessingDelay(),
                    call.receiveWindow(), GRE, GreSequenceState.INITIAL, scheduler, new GreChannel.Output() {
                        @Override public void transmit(ByteBuffer grePacket) {
                            send(server, grePacket);
                        }

                        @Override public void deliver(ByteBuffer pppFrame) {
                            link.receive(pppFrame);
                        }
                    }, shared.ppp.counters);
        }

        @Override public void transmit(ByteBuffer frame) { channel.send(frame); }
        @Override public void authenticated(String user) { }
        @Override public void ipv4Up(Inet4Address local, Inet4Address peer) {
            if (server) {
                serversUp++;
            } else {
                clientsUp++;
            }
        }
        @Override public void ipv6Up(long localInterfaceId, long peerInterfaceId) { }
        @Override public void received(int protocol, ByteBuffer packet) {
            if (server) {
                serverSink.accept(null, packet);
            }
        }
        @Override public void linkDown(String reason) {
            if (server) {
                serverControl.clearCall(call.callId(), CallDisconnectResult.ADMIN_SHUTDOWN, reason);
            } else {
                clientControl.clearCall(call.callId());
            }
        }

        void down(String reason) {
            channel.close();
            link.close(reason);
        }
    }

    PptpInMemoryPair(Shared shared) {
        this.shared = shared;
        serverControl = new ControlConnection(ControlSettings.DEFAULTS, scheduler,
                new RandomCallIdAllocator(shared.ppp.random), new CallCapacity(ControlSettings.DEFAULTS
                        .maxCallsPerConnection()), new ControlConnectionEvents() {
                    @Override public void send(ControlMessage m) {
                        carry(m, true, clientControl::receive);
                    }

                    @Override public void callUp(PptpCall call) {
                        End e = new End(true, call);
                        serverCalls.put(call.callId(), e);
                        e.link.open(); // the PAC speaks first, as tunnel-server's PptpCallWiring does
                    }

                    @Override public void callDown(PptpCall call, String reason) {
                        End e = serverCalls.remove(call.callId());
                        if (e != null) {
                            e.down(reason);
                        }
                    }

                    @Override public void closeTransport(String reason) { }
                }, shared.ppp.counters, shared.log, "client");
        clientControl = new ClientControlConnection(ClientControlSettings.DEFAULTS, scheduler,
                new RandomCallIdAllocator(shared.ppp.random), new ClientControlEvents() {
                    @Override public void send(ControlMessage m) {
                        carry(m, false, serverControl::receive);
                    }

                    @Override public void callUp(PptpCall call) {
                        End e = new End(false, call);
                        clientCalls.put(call.callId(), e);
                        e.link.open();
                    }

                    @Override public void callFailed(int callId, String reason) {
                        throw new IllegalStateException("call " + callId + " failed: " + reason);
                    }

                    @Override public void callDown(PptpCall call, String reason) {
                        End e = clientCalls.remove(call.callId());
                        if (e != null) {
                            e.down(reason);
                        }
                    }

                    @Override public void closeTransport(String reason) { }
                }, shared.ppp.counters, shared.log, "server");
        serverControl.start();
        clientControl.start();
    }

    private void carry(ControlMessage m, boolean fromServer, Consumer<ByteBuffer> to) {
        ByteBuffer octets = PptpCodec.encode(m);
        if (fromServer) {
            controlOctetsFromServer += octets.remaining();
        } else {
            controlOctetsToServer += octets.remaining();
        }
        wire.add(() -> to.accept(octets));
    }

    private void send(boolean fromServer, ByteBuffer grePacket) {
        InMemoryPair.DatagramSink tap = fromServer ? serverTap : clientTap;
        if (tap != null) {
            tap.accept(grePacket);
            return;
        }
        ByteBuffer copy = ByteBuffer.allocate(grePacket.remaining()).put(grePacket.duplicate()).flip();
        wire.add(() -> receive(!fromServer, copy));
    }

    /** A GRE packet arriving at the server (or the client): decoded, routed by its key, handed to the call. */
    void receive(boolean atServer, ByteBuffer grePacket) {
        if (GreCodec.decode(grePacket) instanceof DecodeResult.Decoded<GrePacket, GreDecodeError> d) {
            End e = (atServer ? serverCalls : clientCalls).get(d.value().header().callId());
            if (e != null) {
                e.channel.receive(d.value());
            }
        } else {
            throw new IllegalStateException("our own GRE packet does not decode");
        }
    }

    /** Places one more call and runs until IPCP (behind MPPE) is up on both of its ends. */
    int setUpCall() {
        int wantServers = serversUp + 1;
        int wantClients = clientsUp + 1;
        runUntil(() -> true, Duration.ZERO); // the control connection's Start exchange, on a new pair
        OptionalInt id = clientControl.placeCall();
        if (id.isEmpty()) {
            throw new IllegalStateException("no call placed: " + clientControl);
        }
        runUntil(() -> serversUp >= wantServers && clientsUp >= wantClients, Duration.ofSeconds(30));
        return id.getAsInt();
    }

    void runUntil(BooleanSupplier done, Duration limit) {
        long steps = limit.toNanos() / STEP.toNanos();
        for (long i = 0; ; i++) {
            pump();
            if (done.getAsBoolean()) {
                return;
            }
            if (i >= steps) {
                throw new IllegalStateException("not done after " + limit + ": servers up " + serversUp
                        + ", clients up " + clientsUp);
            }
            scheduler.advance(STEP);
        }
    }

    /** Lets {@code total} virtual time pass in steps, delivering traffic in between. */
    void advance(Duration total) {
        for (long t = 0; t < total.toNanos(); t += STEP.toNanos() * 20) {
            pump();
            scheduler.advance(STEP.multipliedBy(20));
        }
        pump();
    }

    void pump() {
        Runnable r;
        while ((r = wire.poll()) != null) {
            r.run();
        }
    }
}
