package io.cohort.client.pptp;

import io.cohort.ppp.PppLink;
import io.cohort.ppp.PppLinkConfig;
import io.cohort.ppp.PppLinkEvents;
import io.cohort.ppp.Role;
import io.cohort.ppp.auth.Credentials;
import io.cohort.ppp.auth.DirectoryAuthenticator;
import io.cohort.ppp.auth.InMemoryUserDirectory;
import io.cohort.ppp.automaton.RestartPolicy;
import io.cohort.ppp.ccp.EncryptionPolicy;
import io.cohort.ppp.ipcp.IpcpSettings;
import io.cohort.ppp.ipcp.Ipv4AddressAllocator;
import io.cohort.ppp.lcp.AuthMethod;
import io.cohort.ppp.mppe.MppeMode;
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
import io.cohort.pptp.wire.ControlMessage;
import io.cohort.pptp.wire.PptpCodec;
import io.cohort.telemetry.Counters;
import io.cohort.telemetry.RateLimitedLog;
import io.cohort.time.VirtualScheduler;
import io.cohort.wire.DecodeResult;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.function.BiPredicate;
import java.util.function.Consumer;

/**
 * A whole PPTP call in memory on one virtual clock, sans I/O: the client's
 * {@link ClientControlConnection} and Cohort's {@link ControlConnection} joined through
 * {@link PptpCodec} and their framers (the TCP connection); per call a {@link GreChannel} on each
 * side joined through {@link GreCodec} (the GRE path, with a loss predicate); and a client-role
 * and a server-role {@link PppLink}, both with MS-CHAPv2 and the given MPPE policy.
 */
final class PptpBackToBack {
    static final String USER = "alice";
    static final String PASSWORD = "wonderland";
    static final Inet4Address GATEWAY = ip("10.0.0.1");
    static final Inet4Address CLIENT_ADDRESS = ip("10.0.0.2");

    final VirtualScheduler scheduler = new VirtualScheduler();
    final Counters clientCounters = new Counters();
    final Counters serverCounters = new Counters();
    final End client = new End("client");
    final End server = new End("server");
    final ClientControlConnection clientControl;
    final ControlConnection serverControl;
    final List<String> clientCallEvents = new ArrayList<>();
    final List<String> serverCallEvents = new ArrayList<>();
    /** Decides per GRE packet (from the server?, the decoded packet) whether it arrives. */
    BiPredicate<Boolean, GrePacket> grePass = (fromServer, p) -> true;
    final List<ByteBuffer> greOnWire = new ArrayList<>();
    private final ArrayDeque<Runnable> wire = new ArrayDeque<>();
    private final PppLinkConfig clientPpp;
    private final PppLinkConfig serverPpp;

    /** One side's call: its GRE channel, its PPP link, and what the link reported. */
    final class End implements PppLinkEvents {
        final String name;
        final List<ByteBuffer> received = new ArrayList<>();
        GreChannel channel;
        PppLink link;
        MppeMode encrypted;
        Inet4Address local;
        Inet4Address peer;
        String down;

        End(String name) {
            this.name = name;
        }

        boolean isServer() {
            return this == server;
        }

        void up(PptpCall call, PppLinkConfig config, Counters counters) {
            link = new PppLink(config, scheduler, Runnable::run, this);
            End other = isServer() ? client : server;
            channel = new GreChannel(call.peerCallId(), call.peerReceiveWindow(), call.peerProcessingDelay(),
                    call.receiveWindow(), GreChannelSettings.DEFAULTS, GreSequenceState.INITIAL, scheduler,
                    new GreChannel.Output() {
                        @Override public void transmit(ByteBuffer grePacket) {
                            ByteBuffer copy = copy(grePacket);
                            greOnWire.add(copy.duplicate());
                            if (!(GreCodec.decode(copy.duplicate()) instanceof DecodeResult.Decoded<GrePacket, GreDecodeError> d)) {
                                throw new AssertionError("our own GRE packet does not decode");
                            }
                            if (grePass.test(isServer(), d.value())) {
                                wire.add(() -> {
                                    if (other.channel != null) {
                                        other.channel.receive(d.value());
                                    }
                                });
                            }
                        }

                        @Override public void deliver(ByteBuffer pppFrame) {
                            link.receive(pppFrame);
                        }
                    }, counters);
            link.open();
        }

        @Override public void transmit(ByteBuffer frame) {
            if (channel != null) {
                channel.send(frame);
            }
        }

        @Override public void authenticated(String user) { }

        @Override public void encrypted(MppeMode mode) {
            encrypted = mode;
        }

        @Override public void ipv4Up(Inet4Address l, Inet4Address p) {
            local = l;
            peer = p;
        }

        @Override public void ipv6Up(long localId, long peerId) { }

        @Override public void received(int protocol, ByteBuffer packet) {
            received.add(copy(packet));
        }

        @Override public void linkDown(String reason) {
            down = reason;
        }
    }

    PptpBackToBack(EncryptionPolicy encryption, long seed) {
        Random random = new Random(seed);
        RateLimitedLog log = RateLimitedLog.standard(System.getLogger("pptp-e2e"), scheduler);
        Ipv4AddressAllocator pool = new Ipv4AddressAllocator() {
            @Override public Optional<Inet4Address> allocate(String user) {
                return Optional.of(CLIENT_ADDRESS);
            }

            @Override public void release(Inet4Address address) { }
        };
        List<AuthMethod> mschap = List.of(AuthMethod.MSCHAP_V2);
        serverPpp = new PppLinkConfig(Role.SERVER, "cohort", mschap,
                Optional.of(new DirectoryAuthenticator(new InMemoryUserDirectory().put(USER, PASSWORD))),
                Optional.empty(), Optional.of(pool),
                new IpcpSettings(Optional.of(GATEWAY), Optional.empty(), Optional.empty(), Optional.empty(),
                        Optional.empty(), false),
                false, 1400, Duration.ZERO, 3, RestartPolicy.RFC_DEFAULTS, random, serverCounters, log, encryption);
        clientPpp = new PppLinkConfig(Role.CLIENT, "cohort-client", mschap, Optional.empty(),
                Optional.of(new Credentials(USER, PASSWORD)), Optional.empty(), IpcpSettings.client(false), false,
                1400, Duration.ZERO, 3, RestartPolicy.RFC_DEFAULTS, random, clientCounters, log, encryption);

        serverControl = new ControlConnection(ControlSettings.DEFAULTS, scheduler,
                new RandomCallIdAllocator(new Random(seed + 1)), new CallCapacity(10), new ControlConnectionEvents() {
                    @Override public void send(ControlMessage m) {
                        carry(m, b -> clientControl.receive(b));
                    }

                    @Override public void callUp(PptpCall call) {
                        serverCallEvents.add("up");
                        server.up(call, serverPpp, serverCounters);
                    }

                    @Override public void callDown(PptpCall call, String reason) {
                        serverCallEvents.add("down: " + reason);
                        server.channel.close();
                        server.link.close(reason);
                    }

                    @Override public void closeTransport(String reason) {
                        serverCallEvents.add("closed: " + reason);
                    }
                }, serverCounters, log, "client");
        clientControl = new ClientControlConnection(ClientControlSettings.DEFAULTS, scheduler,
                new RandomCallIdAllocator(new Random(seed + 2)), new ClientControlEvents() {
                    @Override public void send(ControlMessage m) {
                        carry(m, b -> serverControl.receive(b));
                    }

                    @Override public void callUp(PptpCall call) {
                        clientCallEvents.add("up");
                        client.up(call, clientPpp, clientCounters);
                    }

                    @Override public void callFailed(int callId, String reason) {
                        clientCallEvents.add("failed: " + reason);
                    }

                    @Override public void callDown(PptpCall call, String reason) {
                        clientCallEvents.add("down: " + reason);
                        client.channel.close();
                        client.link.close(reason);
                    }

                    @Override public void closeTransport(String reason) {
                        clientCallEvents.add("closed: " + reason);
                    }
                }, clientCounters, log, "server");
    }

    private void carry(ControlMessage m, Consumer<ByteBuffer> to) {
        ByteBuffer octets = PptpCodec.encode(m);
        wire.add(() -> to.accept(octets));
    }

    /** Opens TCP (both control machines), places one call and runs until PPP settles. */
    void connect() {
        serverControl.start();
        clientControl.start();
        pump();
        clientControl.placeCall().orElseThrow();
        run(Duration.ofSeconds(2));
    }

    /** Delivers queued messages and packets until the wires are quiet. */
    void pump() {
        for (int guard = 0; !wire.isEmpty(); guard++) {
            if (guard > 1_000_000) {
                throw new AssertionError("traffic never stops");
            }
            wire.poll().run();
        }
    }

    /** Advances virtual time in 100 ms steps, delivering traffic in between. */
    void run(Duration total) {
        for (long t = 0; t < total.toMillis(); t += 100) {
            pump();
            scheduler.advance(Duration.ofMillis(100));
        }
        pump();
    }

    static ByteBuffer copy(ByteBuffer b) {
        return ByteBuffer.allocate(b.remaining()).put(b.duplicate()).flip();
    }

    static Inet4Address ip(String s) {
        try {
            return (Inet4Address) InetAddress.getByName(s);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
