package io.cohort.client.pptp;

import io.cohort.client.EngineThread;
import io.cohort.client.IcmpEcho;
import io.cohort.dataplane.rawip.RawIpReader;
import io.cohort.dataplane.rawip.RawIpSocket;
import io.cohort.ppp.Phase;
import io.cohort.ppp.PppLink;
import io.cohort.ppp.PppLinkConfig;
import io.cohort.ppp.PppLinkEvents;
import io.cohort.ppp.Role;
import io.cohort.ppp.auth.DirectoryAuthenticator;
import io.cohort.ppp.auth.InMemoryUserDirectory;
import io.cohort.ppp.automaton.RestartPolicy;
import io.cohort.ppp.ccp.EncryptionPolicy;
import io.cohort.ppp.ipcp.IpcpSettings;
import io.cohort.ppp.ipcp.Ipv4AddressAllocator;
import io.cohort.ppp.lcp.AuthMethod;
import io.cohort.pptp.call.RandomCallIdAllocator;
import io.cohort.pptp.control.CallCapacity;
import io.cohort.pptp.control.ControlConnection;
import io.cohort.pptp.control.ControlConnectionEvents;
import io.cohort.pptp.control.ControlSettings;
import io.cohort.pptp.control.ControlState;
import io.cohort.pptp.control.PptpCall;
import io.cohort.pptp.gre.GreChannel;
import io.cohort.pptp.gre.GreChannelSettings;
import io.cohort.pptp.gre.GreCodec;
import io.cohort.pptp.gre.GreDecodeError;
import io.cohort.pptp.gre.GrePacket;
import io.cohort.pptp.gre.GreSequenceState;
import io.cohort.pptp.wire.ControlMessage;
import io.cohort.pptp.wire.PptpCodec;
import io.cohort.pptp.wire.StopControlConnectionReason;
import io.cohort.telemetry.Counters;
import io.cohort.telemetry.RateLimitedLog;
import io.cohort.wire.DecodeResult;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * A small PPTP server (PAC) for tests: Cohort's {@link ControlConnection} behind a loopback TCP
 * listener, per call a {@link GreChannel} and a server-role {@link PppLink} (MS-CHAPv2,
 * MPPE-128 required), a 10.100.0.0/16 pool and an ICMP echo responder. GRE runs over an in-memory
 * wire: {@link #gre()} is the client's {@link GreTransport.Factory}. Until the raw GRE socket and
 * the server runtime exist, this stands in for both.
 */
final class TestPac implements AutoCloseable {
    static final String USER = "alice";
    static final String PASSWORD = "wonderland";
    static final Inet4Address GATEWAY = ip("10.100.0.1");

    final Counters counters = new Counters();
    final AtomicInteger callsUp = new AtomicInteger();
    private final List<String> callsDown = new ArrayList<>(); // guarded by this
    private final List<String> connectionsClosed = new ArrayList<>(); // guarded by this
    private final EngineThread engine = EngineThread.start("test-pac");
    private final ServerSocketChannel listener;
    private final RandomCallIdAllocator callIds = new RandomCallIdAllocator(new SecureRandom());
    private final CallCapacity capacity = new CallCapacity(100);
    private final PppLinkConfig pppConfig;
    private final RateLimitedLog log = RateLimitedLog.standard(System.getLogger(TestPac.class.getName()),
            engine.scheduler());
    // engine thread only
    private final Map<Integer, Call> calls = new HashMap<>();
    private final List<ControlConnection> connections = new ArrayList<>();
    private volatile Consumer<ByteBuffer> toClient = p -> { };
    private RawIpReader rawReader;

    TestPac() throws IOException {
        this(InetAddress.getLoopbackAddress());
    }

    /** Listens on {@code local}, port 1723 unless it is loopback (then an ephemeral port). */
    TestPac(InetAddress local) throws IOException {
        listener = ServerSocketChannel.open().bind(new InetSocketAddress(local,
                local.isLoopbackAddress() ? 0 : PptpClient.PORT));
        SecureRandom random = new SecureRandom();
        pppConfig = new PppLinkConfig(Role.SERVER, "test-pac", List.of(AuthMethod.MSCHAP_V2),
                Optional.of(new DirectoryAuthenticator(new InMemoryUserDirectory().put(USER, PASSWORD))),
                Optional.empty(), Optional.of(new Pool()),
                new IpcpSettings(Optional.of(GATEWAY), Optional.empty(), Optional.empty(), Optional.empty(),
                        Optional.empty(), false),
                false, 1400, Duration.ZERO, 3, RestartPolicy.RFC_DEFAULTS, random, counters, log,
                EncryptionPolicy.MPPE_128_REQUIRED);
        Thread.ofPlatform().name("test-pac-accept").daemon(true).start(this::acceptLoop);
    }

    InetSocketAddress address() throws IOException {
        return (InetSocketAddress) listener.getLocalAddress();
    }

    /** The client's side of the in-memory GRE wire. */
    GreTransport.Factory gre() {
        return (server, receiver) -> {
            toClient = receiver;
            return new GreTransport() {
                @Override public void send(ByteBuffer grePacket) {
                    ByteBuffer copy = ByteBuffer.allocate(grePacket.remaining()).put(grePacket.duplicate()).flip();
                    engine.executor().execute(() -> fromClient(copy));
                }

                @Override public void close() {
                    toClient = p -> { };
                }
            };
        };
    }

    /**
     * Carries GRE over a raw IPv4 socket bound to {@code local} instead of the in-memory wire,
     * sending to {@code client}; call on a thread in the network namespace the socket belongs to.
     */
    void useRawGre(Inet4Address local, Inet4Address client) throws IOException {
        RawIpSocket socket = RawIpSocket.open(RawIpSocket.IPPROTO_GRE, local);
        rawReader = RawIpReader.start(socket, (source, payload) -> {
            ByteBuffer copy = ByteBuffer.allocate(payload.remaining()).put(payload).flip();
            engine.executor().execute(() -> fromClient(copy));
        }, counters);
        toClient = packet -> {
            try {
                socket.send(client, packet);
            } catch (IOException e) {
                counters.counter("test_pac.gre.tx.error").increment();
            }
        };
    }

    /** The reasons of the first {@code n} calls to go down, waiting up to 5 s for them. */
    List<String> callsDown(int n) throws InterruptedException {
        return await(callsDown, n);
    }

    /** The reasons of the first {@code n} control connections to close, waiting up to 5 s for them. */
    List<String> connectionsClosed(int n) throws InterruptedException {
        return await(connectionsClosed, n);
    }

    private synchronized void recorded(List<String> list, String reason) {
        list.add(reason);
        notifyAll();
    }

    private synchronized List<String> await(List<String> list, int n) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (list.size() < n && System.nanoTime() < deadline) {
            wait(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
        }
        return List.copyOf(list);
    }

    /** Stops every control connection from the server's side (3.1.2 local termination). */
    void shutdownAll() {
        engine.executor().execute(() -> List.copyOf(connections).forEach(c ->
                c.shutdown(StopControlConnectionReason.STOP_LOCAL_SHUTDOWN, "test server shutting down")));
    }

    private void fromClient(ByteBuffer packet) {
        if (GreCodec.decode(packet) instanceof DecodeResult.Decoded<GrePacket, GreDecodeError> d) {
            Call call = calls.get(d.value().header().callId());
            if (call != null) {
                call.channel.receive(d.value());
            }
        }
    }

    private void acceptLoop() {
        while (true) {
            try {
                SocketChannel socket = listener.accept();
                engine.executor().execute(() -> serve(socket));
            } catch (ClosedChannelException e) {
                return;
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
    }

    /** Engine thread: one control connection on an accepted socket, read by its own thread. */
    private void serve(SocketChannel socket) {
        ControlConnection[] self = new ControlConnection[1];
        ControlConnection c = new ControlConnection(ControlSettings.DEFAULTS, engine.scheduler(), callIds, capacity,
                new ControlConnectionEvents() {
                    @Override public void send(ControlMessage m) {
                        ByteBuffer octets = PptpCodec.encode(m);
                        try {
                            while (octets.hasRemaining()) {
                                socket.write(octets);
                            }
                        } catch (IOException e) {
                            self[0].transportClosed("write failed");
                        }
                    }

                    @Override public void callUp(PptpCall call) {
                        calls.put(call.callId(), new Call(call, self[0]));
                    }

                    @Override public void callDown(PptpCall call, String reason) {
                        recorded(callsDown, reason);
                        Call gone = calls.remove(call.callId());
                        if (gone != null) {
                            gone.channel.close();
                            if (gone.link.phase() != Phase.DEAD) {
                                gone.link.close(reason);
                            }
                        }
                    }

                    @Override public void closeTransport(String reason) {
                        recorded(connectionsClosed, reason);
                        connections.remove(self[0]);
                        try {
                            socket.close();
                        } catch (IOException e) {
                            // closing anyway
                        }
                    }
                }, counters, log, "test client");
        self[0] = c;
        connections.add(c);
        c.start();
        Thread.ofPlatform().name("test-pac-tcp").daemon(true).start(() -> {
            ByteBuffer buf = ByteBuffer.allocate(4096);
            try {
                while (socket.read(buf.clear()) >= 0) {
                    ByteBuffer chunk = ByteBuffer.allocate(buf.flip().remaining()).put(buf).flip();
                    engine.executor().execute(() -> c.receive(chunk));
                }
                engine.executor().execute(() -> c.transportClosed("client closed TCP"));
            } catch (IOException | java.util.concurrent.RejectedExecutionException e) {
                if (c.state() != ControlState.CLOSED) {
                    engine.executor().execute(() -> c.transportClosed("TCP failed"));
                }
            }
        });
    }

    /** One call's data path, engine thread only. */
    private final class Call implements PppLinkEvents {
        final GreChannel channel;
        final PppLink link;
        final ControlConnection control;
        final int callId;

        Call(PptpCall call, ControlConnection control) {
            this.control = control;
            this.callId = call.callId();
            this.channel = new GreChannel(call.peerCallId(), call.peerReceiveWindow(), call.peerProcessingDelay(),
                    call.receiveWindow(), GreChannelSettings.DEFAULTS, GreSequenceState.INITIAL, engine.scheduler(),
                    new GreChannel.Output() {
                        @Override public void transmit(ByteBuffer grePacket) {
                            toClient.accept(ByteBuffer.allocate(grePacket.remaining()).put(grePacket.duplicate())
                                    .flip());
                        }

                        @Override public void deliver(ByteBuffer pppFrame) {
                            link().receive(pppFrame);
                        }
                    }, counters);
            this.link = new PppLink(pppConfig, engine.scheduler(), engine.executor(), this);
            link.open();
        }

        private PppLink link() {
            return link;
        }

        @Override public void transmit(ByteBuffer frame) {
            channel.send(frame);
        }

        @Override public void authenticated(String user) { }

        @Override public void ipv4Up(Inet4Address local, Inet4Address peer) {
            callsUp.incrementAndGet();
        }

        @Override public void ipv6Up(long localInterfaceId, long peerInterfaceId) { }

        @Override
        public void received(int protocol, ByteBuffer packet) {
            IcmpEcho.parse(packet).filter(e -> !e.reply()).ifPresent(e -> link.sendIpv4(e.answer().encode()));
        }

        @Override
        public void linkDown(String reason) {
            control.clearCall(callId, io.cohort.pptp.wire.CallDisconnectResult.ADMIN_SHUTDOWN, reason);
        }
    }

    @Override
    public void close() throws IOException {
        listener.close();
        engine.close();
        if (rawReader != null) {
            rawReader.close();
        }
    }

    static Inet4Address ip(String s) {
        try {
            return (Inet4Address) InetAddress.getByName(s);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** 10.100.0.2 upwards. */
    private static final class Pool implements Ipv4AddressAllocator {
        private int next = 2;

        @Override public Optional<Inet4Address> allocate(String user) {
            int n = next++;
            return Optional.of(ip("10.100." + (n >>> 8) + "." + (n & 0xFF)));
        }

        @Override public void release(Inet4Address address) { }
    }
}
