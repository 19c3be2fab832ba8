package io.cohort.client;

import io.cohort.l2tp.L2tpConfig;
import io.cohort.l2tp.L2tpEvents;
import io.cohort.l2tp.L2tpNode;
import io.cohort.l2tp.session.SessionHandle;
import io.cohort.l2tp.tunnel.TunnelHandle;
import io.cohort.l2tp.tunnel.TunnelSettings;
import io.cohort.l2tp.wire.HidingSecret;
import io.cohort.ppp.Phase;
import io.cohort.ppp.PppLink;
import io.cohort.ppp.PppLinkConfig;
import io.cohort.ppp.PppLinkEvents;
import io.cohort.ppp.Role;
import io.cohort.ppp.auth.DirectoryAuthenticator;
import io.cohort.ppp.auth.InMemoryUserDirectory;
import io.cohort.ppp.automaton.RestartPolicy;
import io.cohort.ppp.ipcp.IpcpSettings;
import io.cohort.ppp.ipcp.Ipv4AddressAllocator;
import io.cohort.ppp.lcp.AuthMethod;
import io.cohort.telemetry.Counters;
import io.cohort.telemetry.RateLimitedLog;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A small LNS for tests: an {@link L2tpNode} in LNS role on 127.0.0.1 with one server-role
 * {@link PppLink} per session, an in-memory user directory, a /16 address pool, and an ICMP echo
 * responder in place of a TUN device.
 */
final class TestLns implements AutoCloseable {
    static final String USER = "alice";
    static final String PASSWORD = "wonderland";
    static final Inet4Address GATEWAY = ip("10.99.0.1");

    final Counters counters = new Counters();
    /** Sessions whose IPCP is up on this side. */
    final AtomicInteger sessionsUp = new AtomicInteger();
    final AtomicLong echoesAnswered = new AtomicLong();
    private final UdpEventLoop loop;
    private final L2tpNode node;
    private final PppLinkConfig pppConfig;
    private final Map<SessionHandle, PppLink> links = new HashMap<>(); // engine thread only

    private TestLns(List<AuthMethod> methods, Optional<byte[]> secret, boolean hide) throws IOException {
        loop = UdpEventLoop.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), "test-lns",
                this::onDatagram);
        SecureRandom random = new SecureRandom();
        TunnelSettings tunnel = TunnelSettings.defaults("test-lns");
        if (secret.isPresent()) {
            tunnel = tunnel.withSecret(HidingSecret.of(secret.get()), hide);
        }
        node = new L2tpNode(L2tpConfig.lns("test-lns").withTunnel(tunnel), loop.scheduler(), new Events(), counters,
                random, null, null);
        InMemoryUserDirectory users = new InMemoryUserDirectory().put(USER, PASSWORD);
        pppConfig = new PppLinkConfig(Role.SERVER, "test-lns", methods,
                Optional.of(new DirectoryAuthenticator(users)), Optional.empty(), Optional.of(new Pool()),
                new IpcpSettings(Optional.of(GATEWAY), Optional.empty(), Optional.empty(), Optional.empty(),
                        Optional.empty(), false),
                false, 1400, Duration.ZERO, 3, RestartPolicy.RFC_DEFAULTS, random, counters,
                RateLimitedLog.standard(System.getLogger(TestLns.class.getName()), loop.scheduler()));
    }

    static TestLns start(AuthMethod method) throws IOException {
        return new TestLns(List.of(method), Optional.empty(), false);
    }

    static TestLns startWithSecret(AuthMethod method, byte[] secret, boolean hide) throws IOException {
        return new TestLns(List.of(method), Optional.of(secret), hide);
    }

    private void onDatagram(InetSocketAddress peer, ByteBuffer datagram) {
        node.receive(peer, datagram);
    }

    InetSocketAddress address() {
        return loop.localAddress();
    }

    @Override
    public void close() {
        loop.close();
    }

    static Inet4Address ip(String s) {
        try {
            return (Inet4Address) InetAddress.getByName(s);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** 10.100.0.0/16, reusing released addresses first. */
    private static final class Pool implements Ipv4AddressAllocator {
        private final ArrayDeque<Inet4Address> free = new ArrayDeque<>();
        private int next = 1;

        @Override
        public Optional<Inet4Address> allocate(String user) {
            if (!free.isEmpty()) {
                return Optional.of(free.poll());
            }
            if (next > 0xFFFE) {
                return Optional.empty();
            }
            int n = next++;
            return Optional.of(ip("10.100." + (n >>> 8) + "." + (n & 0xFF)));
        }

        @Override
        public void release(Inet4Address address) {
            free.add(address);
        }
    }

    private final class Events implements L2tpEvents {
        @Override public void transmit(InetSocketAddress peer, ByteBuffer datagram) { loop.send(peer, datagram); }
        @Override public void tunnelUp(TunnelHandle tunnel) { }
        @Override public void tunnelDown(TunnelHandle tunnel, String reason) { }

        @Override
        public void sessionUp(SessionHandle session) {
            PppLink link = new PppLink(pppConfig, loop.scheduler(), loop.engine(), new LinkEvents(session));
            links.put(session, link);
            link.open();
        }

        @Override
        public void sessionData(SessionHandle session, ByteBuffer pppFrame) {
            PppLink link = links.get(session);
            if (link != null) {
                link.receive(pppFrame);
            }
        }

        @Override
        public void sessionDown(SessionHandle session, String reason) {
            PppLink link = links.remove(session);
            if (link != null && link.phase() != Phase.DEAD) {
                link.close(reason);
            }
        }
    }

    private final class LinkEvents implements PppLinkEvents {
        private final SessionHandle session;
        private PppLink link;

        LinkEvents(SessionHandle session) {
            this.session = session;
        }

        @Override public void transmit(ByteBuffer frame) { node.sendData(session, frame); }
        @Override public void authenticated(String user) { }
        @Override public void ipv4Up(Inet4Address local, Inet4Address peer) { sessionsUp.incrementAndGet(); }
        @Override public void ipv6Up(long localInterfaceId, long peerInterfaceId) { }

        @Override
        public void received(int protocol, ByteBuffer packet) {
            IcmpEcho.parse(packet).filter(e -> !e.reply()).ifPresent(e -> {
                if (link == null) {
                    link = links.get(session);
                }
                if (link != null && link.sendIpv4(e.answer().encode())) {
                    echoesAnswered.incrementAndGet();
                }
            });
        }

        @Override
        public void linkDown(String reason) {
            node.closeSession(session, reason);
        }
    }
}
