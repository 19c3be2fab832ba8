package io.cohort.server.l2tp;

import io.cohort.cluster.member.MemberId;
import io.cohort.cluster.unit.WorkUnit;
import io.cohort.l2tp.L2tpConfig;
import io.cohort.l2tp.L2tpEvents;
import io.cohort.l2tp.L2tpNode;
import io.cohort.l2tp.session.SessionHandle;
import io.cohort.l2tp.tunnel.TunnelHandle;
import io.cohort.l2tp.tunnel.TunnelSettings;
import io.cohort.ppp.PppLink;
import io.cohort.ppp.PppLinkConfig;
import io.cohort.ppp.PppLinkEvents;
import io.cohort.ppp.Role;
import io.cohort.ppp.auth.Credentials;
import io.cohort.ppp.auth.DirectoryAuthenticator;
import io.cohort.ppp.auth.InMemoryUserDirectory;
import io.cohort.ppp.automaton.RestartPolicy;
import io.cohort.ppp.ipcp.IpcpSettings;
import io.cohort.replication.ReplicaStore;
import io.cohort.replication.StateKey;
import io.cohort.replication.UnitStatePublisher;
import io.cohort.server.config.CohortConfig;
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
import java.net.Inet4Address;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Two cluster members' L2TP wirings (each its own node, pool, registry and published state) and
 * the in-repo client's engines (a LAC {@link L2tpNode} and a client {@link PppLink}) in one
 * virtual time, joined by a datagram queue: the client talks to the server address, and whichever
 * member is {@linkplain #serving serving} it gets the datagrams. What a member publishes lands in
 * its own {@link ReplicaStore}, as it would in every other member's.
 */
final class L2tpMembersBench {
    static final InetSocketAddress LNS = new InetSocketAddress("192.0.2.1", 1701);
    static final InetSocketAddress LAC = new InetSocketAddress("192.0.2.2", 40000);
    static final String USER = "alice";
    static final String PASSWORD = "wonderland";

    final VirtualScheduler scheduler = new VirtualScheduler();
    final CohortConfig config = ConfigLoader.embeddedDefault();
    final Member a;
    final Member b;
    final Client client;
    private final ArrayDeque<Runnable> wire = new ArrayDeque<>();
    private Member serving;
    /** Whether a datagram from the server to the client gets through (to lose some on purpose). */
    Predicate<ByteBuffer> toClient = d -> true;

    L2tpMembersBench() {
        this(false);
    }

    /** With {@code sequencedData} the client requires Ns on data messages (RFC 2661 4.4.6, 5.4). */
    L2tpMembersBench(boolean sequencedData) {
        client = new Client(sequencedData);
        a = new Member("a", "10.99.0.0/24", "10.99.0.1");
        b = new Member("b", "10.98.0.0/24", "10.98.0.1");
        serving = a;
    }

    /** From now on {@code member} gets the client's datagrams (the other one is dead or idle). */
    void serving(Member member) {
        serving = member;
    }

    /** The client opens a tunnel and a call; returns once its PPP link is up. */
    void connect() {
        client.tunnel = client.node.openTunnel(LNS);
        client.node.placeCall(client.tunnel);
        run(Duration.ofSeconds(5));
        if (client.address == null) {
            throw new AssertionError("the client's PPP link did not come up");
        }
    }

    /** Delivers queued datagrams until the wire is quiet. */
    void pump() {
        for (int guard = 0; !wire.isEmpty(); guard++) {
            if (guard > 100_000) {
                throw new AssertionError("datagrams never stop");
            }
            wire.poll().run();
        }
    }

    /** Advances virtual time in 100 ms steps, delivering datagrams in between. */
    void run(Duration total) {
        Duration step = Duration.ofMillis(100);
        for (Duration t = Duration.ZERO; t.compareTo(total) < 0; t = t.plus(step)) {
            pump();
            scheduler.advance(step);
        }
        pump();
    }

    static ByteBuffer copy(ByteBuffer b) {
        return ByteBuffer.allocate(b.remaining()).put(b.duplicate()).flip();
    }

    /** An IPv4 header with {@code source} and {@code destination} and a one-octet payload {@code mark}. */
    static ByteBuffer ipv4(Inet4Address source, Inet4Address destination, int mark) {
        ByteBuffer p = ByteBuffer.allocate(21);
        p.put((byte) 0x45).put((byte) 0).putShort((short) 21).putShort((short) mark).putShort((short) 0)
                .put((byte) 64).put((byte) 253).putShort((short) 0).put(source.getAddress())
                .put(destination.getAddress()).put((byte) mark);
        return p.flip();
    }

    static Inet4Address ip(String s) {
        return Ipv4Literal.parse(s).orElseThrow();
    }

    /** One member: its pool, registry, wiring and node; what it published and wrote to its TUN. */
    final class Member {
        final MemberId id;
        final Ipv4Pool pool;
        final SessionRegistry registry = new SessionRegistry(InstantSource.system());
        final Counters counters = new Counters();
        /** What this member published, as another member's replica store holds it. */
        final ReplicaStore published = new ReplicaStore();
        final List<String> publications = new ArrayList<>();
        final List<ByteBuffer> tun = new ArrayList<>();
        final List<Inet4Address> hostRoutes = new ArrayList<>();
        final List<Inet4Address> heldGateways = new ArrayList<>();
        /** Every datagram this member sent, whether or not it reached the client. */
        int datagramsSent;
        final Ipv4Dispatcher dispatcher;
        final L2tpSessionWiring wiring;
        final L2tpNode node;

        Member(String name, String cidr, String gateway) {
            id = MemberId.of(name);
            pool = new Ipv4Pool(((Ipv4Cidr.Parsed.Ok) Ipv4Cidr.parse(cidr)).cidr(), ip(gateway));
            RateLimitedLog log = RateLimitedLog.standard(System.getLogger("bench-" + name), scheduler);
            dispatcher = new Ipv4Dispatcher(p -> tun.add(copy(p)), 1400, counters, log);
            PppLinkConfig ppp = PppServerConfiguration.pppServer(config,
                    new DirectoryAuthenticator(new InMemoryUserDirectory().put(USER, PASSWORD)), pool,
                    new SecureRandom(), counters, log);
            UnitStatePublisher publisher = new UnitStatePublisher() {
                @Override
                public void put(WorkUnit unit, StateKey key, byte[] state) {
                    publications.add("put " + key);
                    published.put(id, unit, key, 1, state);
                }

                @Override
                public void remove(WorkUnit unit, StateKey key) {
                    publications.add("remove " + key);
                    published.remove(id, unit, key, 1);
                }
            };
            HostRoutes routes = new HostRoutes() {
                @Override
                public boolean add(Inet4Address address) {
                    return hostRoutes.add(address);
                }

                @Override
                public void remove(Inet4Address address) {
                    hostRoutes.remove(address);
                }

                @Override
                public boolean addLocal(Inet4Address gateway) {
                    return heldGateways.add(gateway);
                }

                @Override
                public void removeLocal(Inet4Address gateway) {
                    heldGateways.remove(gateway);
                }
            };
            wiring = new L2tpSessionWiring(registry, pool, ppp, scheduler, Runnable::run, dispatcher,
                    (peer, datagram) -> {
                        ByteBuffer d = copy(datagram);
                        datagramsSent++;
                        if (serving == this && toClient.test(d)) {
                            wire.add(() -> client.node.receive(LNS, d));
                        }
                    }, counters, publisher, new ForeignAddressRoutes<>(pool, routes));
            node = new L2tpNode(EngineConfiguration.l2tp(config), scheduler, wiring, counters, new SecureRandom(),
                    null, null);
            wiring.attach(node);
        }
    }

    /** The in-repo client's engines: a LAC node and a client PPP link on its one call. */
    final class Client implements L2tpEvents, PppLinkEvents {
        final Counters counters = new Counters();
        final L2tpNode node;
        final PppLinkConfig pppConfig;
        final List<ByteBuffer> received = new ArrayList<>();
        TunnelHandle tunnel;
        SessionHandle session;
        PppLink link;
        Inet4Address address;
        String down;
        int tunnelsUp;

        Client(boolean sequencedData) {
            RateLimitedLog log = RateLimitedLog.standard(System.getLogger("bench-client"), scheduler);
            node = new L2tpNode(L2tpConfig.lac("client").withTunnel(TunnelSettings.defaults("client")
                    .withRequestSequencing(sequencedData)), scheduler, this, counters, new SecureRandom(), null, null);
            pppConfig = new PppLinkConfig(Role.CLIENT, "client",
                    PppServerConfiguration.authMethods(config.ppp()), Optional.empty(),
                    Optional.of(new Credentials(USER, PASSWORD)), Optional.empty(), IpcpSettings.client(false), false,
                    1400, Duration.ofSeconds(30), 3, RestartPolicy.RFC_DEFAULTS, new SecureRandom(), counters, log);
        }

        @Override
        public void transmit(InetSocketAddress peer, ByteBuffer datagram) {
            ByteBuffer d = copy(datagram);
            Member to = serving;
            wire.add(() -> to.wiring.receive(LAC, d));
        }

        @Override
        public void tunnelUp(TunnelHandle t) {
            tunnelsUp++;
        }

        @Override
        public void tunnelDown(TunnelHandle t, String reason) {
            down = reason;
        }

        @Override
        public void sessionUp(SessionHandle s) {
            session = s;
            link = new PppLink(pppConfig, scheduler, Runnable::run, this);
            link.open();
        }

        @Override
        public void sessionData(SessionHandle s, ByteBuffer frame) {
            link.receive(frame);
        }

        @Override
        public void sessionDown(SessionHandle s, String reason) {
            down = reason;
        }

        // PPP link events

        @Override
        public void transmit(ByteBuffer frame) {
            node.sendData(session, frame);
        }

        @Override
        public void authenticated(String user) { }

        @Override
        public void ipv4Up(Inet4Address local, Inet4Address peer) {
            address = local;
        }

        @Override
        public void ipv6Up(long localInterfaceId, long peerInterfaceId) { }

        @Override
        public void received(int protocol, ByteBuffer packet) {
            received.add(copy(packet));
        }

        @Override
        public void linkDown(String reason) {
            down = reason;
        }
    }
}
