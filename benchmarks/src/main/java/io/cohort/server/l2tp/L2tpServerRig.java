package io.cohort.server.l2tp;

import io.cohort.l2tp.L2tpConfig;
import io.cohort.l2tp.L2tpEvents;
import io.cohort.l2tp.L2tpNode;
import io.cohort.l2tp.session.SessionHandle;
import io.cohort.l2tp.tunnel.TunnelHandle;
import io.cohort.l2tp.tunnel.TunnelSettings;
import io.cohort.l2tp.wire.L2tpCodec;
import io.cohort.ppp.PppLink;
import io.cohort.ppp.PppLinkConfig;
import io.cohort.ppp.PppLinkEvents;
import io.cohort.ppp.Role;
import io.cohort.ppp.auth.Credentials;
import io.cohort.ppp.auth.DirectoryAuthenticator;
import io.cohort.ppp.auth.InMemoryUserDirectory;
import io.cohort.ppp.automaton.RestartPolicy;
import io.cohort.ppp.ipcp.IpcpSettings;
import io.cohort.ppp.wire.PppFrameCodec;
import io.cohort.replication.UnitStatePublisher;
import io.cohort.server.config.CohortConfig;
import io.cohort.server.config.ConfigException;
import io.cohort.server.config.ConfigLoader;
import io.cohort.server.dataplane.HostRoutes;
import io.cohort.server.dataplane.Ipv4Dispatcher;
import io.cohort.server.inet.Ipv4Cidr;
import io.cohort.server.inet.Ipv4Literal;
import io.cohort.server.pool.Ipv4Pool;
import io.cohort.server.registry.SessionRegistry;
import io.cohort.server.sessions.ForeignAddressRoutes;
import io.cohort.server.sessions.PppServerConfiguration;
import io.cohort.telemetry.Counters;
import io.cohort.telemetry.RateLimitedLog;
import io.cohort.time.VirtualScheduler;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * One member's L2TP path as the server runs it: {@link L2tpSessionWiring} (which publishes every
 * tunnel and session through {@link L2tpStatePublication}, patent figure 7), its {@link L2tpNode},
 * pool, registry and {@link Ipv4Dispatcher}, against the in-repo client's engines (a LAC
 * {@link L2tpNode} with a client {@link PppLink} per call, MS-CHAPv2 as the default configuration
 * asks), on one virtual clock, joined by a datagram queue instead of sockets. What the member
 * publishes goes to the {@link UnitStatePublisher} given.
 *
 * <p>It lives in the server's package because the wiring and the publication are package-private:
 * the benchmarks drive the very code the server runs, not a copy of it.
 */
public final class L2tpServerRig {
    static final InetSocketAddress LNS = new InetSocketAddress("192.0.2.1", 1701);
    static final InetSocketAddress LAC = new InetSocketAddress("192.0.2.2", 40000);
    private static final String USER = "alice";
    private static final String PASSWORD = "wonderland";
    private static final Duration STEP = Duration.ofMillis(100);
    private static final int IPV4 = 0x0021;

    private final VirtualScheduler scheduler = new VirtualScheduler();
    private final CohortConfig config = configuration();
    private final Counters counters = new Counters();
    private final ArrayDeque<Runnable> wire = new ArrayDeque<>();
    private final L2tpSessionWiring wiring;
    private final L2tpNode node;
    private final Ipv4Dispatcher dispatcher;
    private final Client client;
    /** Where the server's datagrams go instead of the client, when set (data path benchmarks). */
    private Consumer<ByteBuffer> serverTap;
    private Consumer<ByteBuffer> tun = packet -> { };
    private Runnable afterStep = () -> { };

    /** A member whose pool {@code 10.64.0.0/16} holds the clients' addresses; state goes to {@code publisher}. */
    public L2tpServerRig(UnitStatePublisher publisher) {
        this(publisher, false);
    }

    /**
     * The same; with {@code sequencedData} the client asks for Ns on data messages (RFC 2661
     * 4.4.6, 5.4), which makes the server's data Ns part of what the sweep replicates.
     */
    public L2tpServerRig(UnitStatePublisher publisher, boolean sequencedData) {
        client = new Client(sequencedData);
        Ipv4Pool pool = new Ipv4Pool(((Ipv4Cidr.Parsed.Ok) Ipv4Cidr.parse("10.64.0.0/16")).cidr(),
                Ipv4Literal.parse("10.64.0.1").orElseThrow());
        RateLimitedLog log = RateLimitedLog.standard(System.getLogger("cohort-bench-lns"), scheduler);
        dispatcher = new Ipv4Dispatcher(packet -> tun.accept(packet), 1400, counters, log);
        PppLinkConfig ppp = PppServerConfiguration.pppServer(config,
                new DirectoryAuthenticator(new InMemoryUserDirectory().put(USER, PASSWORD)), pool,
                new SecureRandom(), counters, log);
        wiring = new L2tpSessionWiring(new SessionRegistry(InstantSource.system()), pool, ppp, scheduler,
                Runnable::run, dispatcher, this::serverSent, counters, publisher,
                new ForeignAddressRoutes<>(pool, HostRoutes.NONE));
        node = new L2tpNode(EngineConfiguration.l2tp(config), scheduler, wiring, counters, new SecureRandom(),
                null, null);
        wiring.attach(node);
    }

    /**
     * The default configuration with room for one client address to hold many tunnels and
     * sessions (by default 16 tunnels per peer address and 10,000 sessions in all).
     */
    private static CohortConfig configuration() {
        try {
            Path file = Files.createTempFile("cohort-bench-l2tp", ".ini");
            try {
                Files.writeString(file, "[limits]\nmax-tunnels-per-peer = 1000\nmax-sessions = 100000\n");
                return ConfigLoader.load(Optional.of(file));
            } finally {
                Files.delete(file);
            }
        } catch (IOException | ConfigException e) {
            throw new IllegalStateException("the benchmark's limits do not load: " + e.getMessage(), e);
        }
    }

    /**
     * The client opens {@code tunnels} tunnels with {@code sessionsPerTunnel} calls each; returns
     * once every call's PPP link is up at both ends.
     */
    public void connect(int tunnels, int sessionsPerTunnel) {
        int wanted = client.calls.size() + tunnels * sessionsPerTunnel;
        for (int t = 0; t < tunnels; t++) {
            TunnelHandle tunnel = client.node.openTunnel(LNS);
            client.tunnels.put(tunnel.localTunnelId(), tunnel);
            for (int s = 0; s < sessionsPerTunnel; s++) {
                client.node.placeCall(tunnel);
            }
        }
        Duration limit = Duration.ofMinutes(10);
        for (Duration t = Duration.ZERO; client.up < wanted || wiring.publication().publishedSessions() < wanted;
                t = t.plus(STEP)) {
            if (t.compareTo(limit) > 0) {
                throw new IllegalStateException("after " + limit + " of virtual time " + client.up + " of " + wanted
                        + " client links are up, " + wiring.publication().publishedSessions() + " published");
            }
            pump();
            afterStep.run();
            scheduler.advance(STEP);
        }
        pump();
        afterStep.run();
    }

    /** Lets {@code total} of virtual time pass in 100 ms steps, delivering datagrams in between. */
    public void run(Duration total) {
        for (Duration t = Duration.ZERO; t.compareTo(total) < 0; t = t.plus(STEP)) {
            pump();
            afterStep.run();
            scheduler.advance(STEP);
        }
        pump();
        afterStep.run();
    }

    /**
     * {@code task} runs after each 100 ms step of {@link #connect} and {@link #run}, once the
     * wire is quiet (e.g. to send what was published: the replication service's loop runs about
     * then, 1 ms after a put).
     */
    public void afterEachStep(Runnable task) {
        afterStep = task;
    }

    /** Delivers queued datagrams until the wire is quiet. */
    public void pump() {
        Runnable delivery;
        while ((delivery = wire.poll()) != null) {
            delivery.run();
        }
    }

    /** Client calls whose PPP link is up. */
    public int sessionsUp() {
        return client.up;
    }

    public int publishedSessions() {
        return wiring.publication().publishedSessions();
    }

    public int publishedTunnels() {
        return wiring.publication().publishedTunnels();
    }

    /** What an L2TP key space holds ({@link L2tpStateKeys}), for tables. */
    public static String keySpaceName(int space) {
        return switch (space) {
            case L2tpStateKeys.TUNNEL_INITIAL -> "L2TP tunnel initial";
            case L2tpStateKeys.TUNNEL_ESSENTIAL -> "L2TP tunnel essential";
            case L2tpStateKeys.SESSION_INITIAL -> "L2TP session + PPP initial";
            case L2tpStateKeys.SESSION_ESSENTIAL -> "L2TP session + PPP essential";
            default -> "space " + space;
        };
    }

    public Counters counters() {
        return counters;
    }

    /** The address IPCP gave the client's call {@code index} (in the order they came up). */
    public Inet4Address clientAddress(int index) {
        return client.calls.get(index).address;
    }

    /** The client's call {@code index} sends {@code ipv4} upstream (over the queue, at the next pump). */
    public boolean clientSends(int index, ByteBuffer ipv4) {
        return client.calls.get(index).link.sendIpv4(ipv4);
    }

    /**
     * An L2TP data message (no Length, no Ns/Nr: RFC 2661 3.1, the usual case) on the client's
     * call {@code index} carrying {@code ipv4} in a PPP frame (FF 03, protocol 0x0021): what the
     * server's UDP socket receives.
     */
    public ByteBuffer upstreamDatagram(int index, ByteBuffer ipv4) {
        SessionHandle session = client.calls.get(index).session;
        int serverTunnelId = client.tunnels.get(session.localTunnelId()).peerTunnelId();
        return L2tpCodec.encodeData(serverTunnelId, session.peerSessionId(),
                PppFrameCodec.encode(IPV4, ipv4, true, false), false, 0, 0, false, 0);
    }

    /** A datagram from the client into the server's L2TP path, as its UDP socket hands it on. */
    public void serverReceives(ByteBuffer datagram) {
        wiring.receive(LAC, datagram);
    }

    /** The same datagram straight into the node, past the wiring (the engine alone, no publication at all). */
    public void nodeReceives(ByteBuffer datagram) {
        node.receive(LAC, datagram);
    }

    /** An IPv4 packet read from the TUN device, routed by its destination to a session. */
    public void fromTun(ByteBuffer ipv4) {
        dispatcher.fromTun(ipv4);
    }

    /** From now on the datagrams the server sends go to {@code sink} (not copied), not to the client. */
    public void tapServer(Consumer<ByteBuffer> sink) {
        serverTap = sink;
    }

    /**
     * Lets {@code time} pass with the server's tap off, so that what the timers send (HELLO, LCP
     * echoes) reaches the client and is answered; the tap is back afterwards.
     */
    public void passTime(Duration time) {
        Consumer<ByteBuffer> tap = serverTap;
        serverTap = null;
        run(time);
        serverTap = tap;
    }

    /** The packets the server writes to its TUN device go to {@code sink} (not copied). */
    public void tapTun(Consumer<ByteBuffer> sink) {
        tun = sink;
    }

    private void serverSent(InetSocketAddress peer, ByteBuffer datagram) {
        if (serverTap != null) {
            serverTap.accept(datagram);
            return;
        }
        ByteBuffer copy = copy(datagram);
        wire.add(() -> client.node.receive(LNS, copy));
    }

    private static ByteBuffer copy(ByteBuffer b) {
        return ByteBuffer.allocate(b.remaining()).put(b.duplicate()).flip();
    }

    /** The in-repo client's engines: a LAC node and a client PPP link on each call. */
    private final class Client implements L2tpEvents {
        final L2tpNode node;
        final PppLinkConfig pppConfig;
        final List<Call> calls = new ArrayList<>();
        final Map<SessionHandle, Call> byHandle = new IdentityHashMap<>();
        /** By the client's tunnel ID. */
        final Map<Integer, TunnelHandle> tunnels = new HashMap<>();
        int up;

        Client(boolean sequencedData) {
            Counters clientCounters = new Counters();
            RateLimitedLog log = RateLimitedLog.standard(System.getLogger("cohort-bench-lac"), scheduler);
            node = new L2tpNode(L2tpConfig.lac("client").withTunnel(TunnelSettings.defaults("client")
                    .withRequestSequencing(sequencedData)), scheduler, this, clientCounters, new SecureRandom(),
                    null, null);
            pppConfig = new PppLinkConfig(Role.CLIENT, "client", PppServerConfiguration.authMethods(config.ppp()),
                    Optional.empty(), Optional.of(new Credentials(USER, PASSWORD)), Optional.empty(),
                    IpcpSettings.client(false), false, 1400, Duration.ofSeconds(30), 3, RestartPolicy.RFC_DEFAULTS,
                    new SecureRandom(), clientCounters, log);
        }

        @Override
        public void transmit(InetSocketAddress peer, ByteBuffer datagram) {
            ByteBuffer copy = copy(datagram);
            wire.add(() -> wiring.receive(LAC, copy));
        }

        @Override
        public void tunnelUp(TunnelHandle tunnel) { }

        @Override
        public void tunnelDown(TunnelHandle tunnel, String reason) {
            throw new IllegalStateException("the client's tunnel went down: " + reason);
        }

        @Override
        public void sessionUp(SessionHandle session) {
            Call call = new Call(session);
            calls.add(call);
            byHandle.put(session, call);
            call.link = new PppLink(pppConfig, scheduler, Runnable::run, call);
            call.link.open();
        }

        @Override
        public void sessionData(SessionHandle session, ByteBuffer pppFrame) {
            byHandle.get(session).link.receive(pppFrame);
        }

        @Override
        public void sessionDown(SessionHandle session, String reason) {
            throw new IllegalStateException("a client call went down: " + reason);
        }
    }

    /** One client call and its PPP link. */
    private final class Call implements PppLinkEvents {
        final SessionHandle session;
        PppLink link;
        Inet4Address address;

        Call(SessionHandle session) {
            this.session = session;
        }

        @Override
        public void transmit(ByteBuffer frame) {
            client.node.sendData(session, frame);
        }

        @Override
        public void authenticated(String user) { }

        @Override
        public void ipv4Up(Inet4Address local, Inet4Address peer) {
            address = local;
            client.up++;
        }

        @Override
        public void ipv6Up(long localInterfaceId, long peerInterfaceId) { }

        @Override
        public void received(int protocol, ByteBuffer packet) { }

        @Override
        public void linkDown(String reason) {
            throw new IllegalStateException("a client link went down: " + reason);
        }
    }
}
