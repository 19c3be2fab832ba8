package io.cohort.benchmarks;

import io.cohort.l2tp.L2tpConfig;
import io.cohort.l2tp.L2tpEvents;
import io.cohort.l2tp.L2tpNode;
import io.cohort.l2tp.session.SessionHandle;
import io.cohort.l2tp.tunnel.TunnelHandle;
import io.cohort.ppp.PppLink;
import io.cohort.ppp.PppLinkConfig;
import io.cohort.ppp.PppLinkEvents;
import io.cohort.ppp.Role;
import io.cohort.ppp.auth.Credentials;
import io.cohort.ppp.auth.DirectoryAuthenticator;
import io.cohort.ppp.auth.InMemoryUserDirectory;
import io.cohort.ppp.automaton.RestartPolicy;
import io.cohort.ppp.ipcp.IpcpSettings;
import io.cohort.ppp.ipcp.Ipv4AddressAllocator;
import io.cohort.ppp.lcp.AuthMethod;
import io.cohort.telemetry.Counters;
import io.cohort.telemetry.RateLimitedLog;
import io.cohort.time.VirtualScheduler;
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

/**
 * An LAC {@link L2tpNode} with client {@link PppLink}s and an LNS {@link L2tpNode} with server
 * {@link PppLink}s, joined by an in-memory FIFO "wire" (no sockets) on virtual time. Each side has
 * its own {@link VirtualScheduler} so that the LAC side can be dropped and the LNS side measured
 * alone. Single-threaded, like an engine.
 */
final class InMemoryPair {
    static final InetSocketAddress LAC_ADDRESS = new InetSocketAddress(ip("192.0.2.1"), 1701);
    static final InetSocketAddress LNS_ADDRESS = new InetSocketAddress(ip("192.0.2.2"), 1701);
    static final String USER = "alice";
    static final String PASSWORD = "wonderland";
    private static final Duration STEP = Duration.ofMillis(50);

    /** Configuration shared by many pairs (as a server shares it between sessions). */
    static final class Shared {
        final SecureRandom random = new SecureRandom();
        final VirtualScheduler logClock = new VirtualScheduler();
        final Counters counters = new Counters();
        final PppLinkConfig server;
        final PppLinkConfig client;

        Shared(AuthMethod method, Duration serverEcho) {
            RateLimitedLog log = RateLimitedLog.standard(System.getLogger("cohort-bench"), logClock);
            InMemoryUserDirectory users = new InMemoryUserDirectory().put(USER, PASSWORD);
            server = new PppLinkConfig(Role.SERVER, "cohort-lns", List.of(method),
                    Optional.of(new DirectoryAuthenticator(users)), Optional.empty(), Optional.of(new Pool()),
                    new IpcpSettings(Optional.of(ip("10.99.0.1")), Optional.empty(), Optional.empty(),
                            Optional.empty(), Optional.empty(), false),
                    false, 1400, serverEcho, 3, RestartPolicy.RFC_DEFAULTS, random, counters, log);
            client = new PppLinkConfig(Role.CLIENT, "cohort-lac", List.of(method), Optional.empty(),
                    Optional.of(new Credentials(USER, PASSWORD)), Optional.empty(), IpcpSettings.client(false),
                    false, 1400, Duration.ZERO, 3, RestartPolicy.RFC_DEFAULTS, random, counters, log);
        }
    }

    private record Datagram(boolean toLns, ByteBuffer bytes) {}

    final Shared shared;
    final VirtualScheduler lnsScheduler = new VirtualScheduler();
    VirtualScheduler lacScheduler = new VirtualScheduler();
    final L2tpNode lns;
    L2tpNode lac;
    final Map<SessionHandle, PppLink> serverLinks = new HashMap<>();
    Map<SessionHandle, PppLink> clientLinks = new HashMap<>();
    private final ArrayDeque<Datagram> wire = new ArrayDeque<>();
    int serversUp;
    int clientsUp;
    /** Receives IPv4 packets delivered by server links (engine data path benchmark). */
    PacketSink serverSink = (session, packet) -> { };
    /** Receives datagrams the LNS sends, instead of the wire, when not null. */
    DatagramSink lnsTap;
    /** Receives datagrams the LAC sends, instead of the wire, when not null. */
    DatagramSink lacTap;

    interface PacketSink {
        void accept(SessionHandle session, ByteBuffer packet);
    }

    interface DatagramSink {
        void accept(ByteBuffer datagram);
    }

    InMemoryPair(Shared shared) {
        this.shared = shared;
        lns = new L2tpNode(L2tpConfig.lns("cohort-lns"), lnsScheduler, new LnsEvents(), shared.counters,
                shared.random, null, null);
        lac = new L2tpNode(L2tpConfig.lac("cohort-lac"), lacScheduler, new LacEvents(), shared.counters,
                shared.random, null, null);
    }

    static Inet4Address ip(String s) {
        try {
            return (Inet4Address) InetAddress.getByName(s);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** Delivers datagrams until the wire is quiet, then lets virtual time pass; until done. */
    void runUntil(java.util.function.BooleanSupplier done, Duration limit) {
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
            lnsScheduler.advance(STEP);
            if (lacScheduler != null) {
                lacScheduler.advance(STEP);
            }
        }
    }

    /** Lets {@code total} virtual time pass in steps, delivering datagrams in between. */
    void advance(Duration total) {
        for (long t = 0; t < total.toNanos(); t += STEP.toNanos() * 20) {
            pump();
            lnsScheduler.advance(STEP.multipliedBy(20));
            if (lacScheduler != null) {
                lacScheduler.advance(STEP.multipliedBy(20));
            }
        }
        pump();
    }

    void pump() {
        Datagram d;
        while ((d = wire.poll()) != null) {
            if (d.toLns) {
                lns.receive(LAC_ADDRESS, d.bytes);
            } else if (lac != null) {
                lac.receive(LNS_ADDRESS, d.bytes);
            }
        }
    }

    /** Sets up one tunnel with one session to IPCP up on both ends. */
    SessionHandle setUpTunnelAndSession() {
        TunnelHandle t = lac.openTunnel(LNS_ADDRESS);
        return setUpSession(t);
    }

    SessionHandle setUpSession(TunnelHandle t) {
        int wantServers = serversUp + 1;
        int wantClients = clientsUp + 1;
        SessionHandle s = lac.placeCall(t).orElseThrow();
        runUntil(() -> serversUp >= wantServers && clientsUp >= wantClients, Duration.ofSeconds(30));
        return s;
    }

    /** Forgets the LAC side entirely (for measuring the LNS side alone). */
    void dropLac() {
        lac = null;
        lacScheduler = null;
        clientLinks = null;
        wire.clear();
    }

    private static ByteBuffer copy(ByteBuffer b) {
        return ByteBuffer.allocate(b.remaining()).put(b.duplicate()).flip();
    }

    private final class LnsEvents implements L2tpEvents {
        @Override public void transmit(InetSocketAddress peer, ByteBuffer datagram) {
            if (lnsTap != null) {
                lnsTap.accept(datagram);
            } else {
                wire.add(new Datagram(false, copy(datagram)));
            }
        }

        @Override public void tunnelUp(TunnelHandle tunnel) { }

        @Override public void tunnelDown(TunnelHandle tunnel, String reason) { }

        @Override public void sessionUp(SessionHandle session) {
            PppLink link = new PppLink(shared.server, lnsScheduler, Runnable::run, new ServerLinkEvents(session));
            serverLinks.put(session, link);
            link.open();
        }

        @Override public void sessionData(SessionHandle session, ByteBuffer pppFrame) {
            PppLink link = serverLinks.get(session);
            if (link != null) {
                link.receive(pppFrame);
            }
        }

        @Override public void sessionDown(SessionHandle session, String reason) {
            PppLink link = serverLinks.remove(session);
            if (link != null) {
                link.close(reason);
            }
        }
    }

    private final class ServerLinkEvents implements PppLinkEvents {
        private final SessionHandle session;

        ServerLinkEvents(SessionHandle session) {
            this.session = session;
        }

        @Override public void transmit(ByteBuffer frame) { lns.sendData(session, frame); }
        @Override public void authenticated(String user) { }
        @Override public void ipv4Up(Inet4Address local, Inet4Address peer) { serversUp++; }
        @Override public void ipv6Up(long localInterfaceId, long peerInterfaceId) { }
        @Override public void received(int protocol, ByteBuffer packet) { serverSink.accept(session, packet); }
        @Override public void linkDown(String reason) { lns.closeSession(session, reason); }
    }

    private final class LacEvents implements L2tpEvents {
        @Override public void transmit(InetSocketAddress peer, ByteBuffer datagram) {
            if (lacTap != null) {
                lacTap.accept(datagram);
            } else {
                wire.add(new Datagram(true, copy(datagram)));
            }
        }

        @Override public void tunnelUp(TunnelHandle tunnel) { }

        @Override public void tunnelDown(TunnelHandle tunnel, String reason) { }

        @Override public void sessionUp(SessionHandle session) {
            // PPP starts on the LNS's first frame (proof that our ICCN arrived), as the client does.
            clientLinks.put(session, new PppLink(shared.client, lacScheduler, Runnable::run,
                    new ClientLinkEvents(session)));
        }

        @Override public void sessionData(SessionHandle session, ByteBuffer pppFrame) {
            PppLink link = clientLinks.get(session);
            if (link != null) {
                link.open(); // no-op once open
                link.receive(pppFrame);
            }
        }

        @Override public void sessionDown(SessionHandle session, String reason) {
            PppLink link = clientLinks.remove(session);
            if (link != null) {
                link.close(reason);
            }
        }
    }

    private final class ClientLinkEvents implements PppLinkEvents {
        private final SessionHandle session;

        ClientLinkEvents(SessionHandle session) {
            this.session = session;
        }

        @Override public void transmit(ByteBuffer frame) {
            if (lac != null) {
                lac.sendData(session, frame);
            }
        }
        @Override public void authenticated(String user) { }
        @Override public void ipv4Up(Inet4Address local, Inet4Address peer) { clientsUp++; }
        @Override public void ipv6Up(long localInterfaceId, long peerInterfaceId) { }
        @Override public void received(int protocol, ByteBuffer packet) { }
        @Override public void linkDown(String reason) {
            if (lac != null) {
                lac.closeSession(session, reason);
            }
        }
    }

    /** 10.64.0.0/10 handed out in order, released addresses reused first. */
    static final class Pool implements Ipv4AddressAllocator {
        private final ArrayDeque<Inet4Address> free = new ArrayDeque<>();
        private int next = 1;

        @Override
        public synchronized Optional<Inet4Address> allocate(String user) {
            if (!free.isEmpty()) {
                return Optional.of(free.poll());
            }
            int n = next++;
            byte[] a = {10, (byte) (64 | ((n >>> 16) & 0x3F)), (byte) (n >>> 8), (byte) n};
            try {
                return Optional.of((Inet4Address) InetAddress.getByAddress(a));
            } catch (UnknownHostException e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public synchronized void release(Inet4Address address) {
            free.add(address);
        }
    }
}
