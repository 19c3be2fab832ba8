package io.cohort.server.dataplane;

import io.cohort.server.inet.Ipv4Literal;
import io.cohort.telemetry.Counter;
import io.cohort.telemetry.Counters;
import io.cohort.telemetry.RateLimitedLog;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.Inet4Address;
import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.Map;

/**
 * The IPv4 data path between the TUN device and the sessions, on the engine thread.
 *
 * <p>Downstream (TUN → user): the destination address picks the session; a packet larger than
 * the MRU the peer negotiated is dropped (PPP must never truncate). Upstream (user → TUN): the
 * source address must be the one IPCP assigned to that session (anti-spoofing), and the packet
 * must fit our own MRU. Every drop is counted under {@code ipv4.downstream.*} or
 * {@code ipv4.upstream.*}; nothing is dropped silently.
 */
public final class Ipv4Dispatcher {
    private static final int MIN_HEADER = 20;
    private static final int SOURCE_OFFSET = 12;
    private static final int DESTINATION_OFFSET = 16;

    /** A session whose IPCP is up, as the data path sees it. */
    public interface Route {
        /** The address IPCP assigned to the peer. */
        Inet4Address address();

        /** The MRU the peer negotiated: the largest packet it takes. */
        int peerMru();

        /** Sends one IPv4 packet (position to limit) to the peer; false if the link refused it. */
        boolean sendIpv4(ByteBuffer packet);
    }

    /**
     * Told when an address starts being served here (the first session routed at it: IPCP up, or
     * a session taken over) and when it stops (its last session gone or let go). Engine thread.
     */
    public interface ServedAddresses {
        void served(Inet4Address address);

        void released(Inet4Address address);

        /** Nobody to tell. */
        ServedAddresses NONE = new ServedAddresses() {
            @Override
            public void served(Inet4Address address) { }

            @Override
            public void released(Inet4Address address) { }
        };
    }

    /** Writes one IP packet to the TUN device. */
    @FunctionalInterface
    public interface TunWriter {
        void write(ByteBuffer packet) throws IOException;
    }

    private final TunWriter tun;
    private final int ourMru;
    private final RateLimitedLog log;
    private final ServedAddresses served;
    private final Map<Integer, Route> routes = new HashMap<>();
    private final Counter downPackets;
    private final Counter downNotIpv4;
    private final Counter downNoSession;
    private final Counter downTooBig;
    private final Counter downRefused;
    private final Counter upPackets;
    private final Counter upNotIpv4;
    private final Counter upSpoofed;
    private final Counter upTooBig;
    private final Counter upWriteErrors;

    /** {@code ourMru} is the MRU we negotiate ({@code [ppp] mru}). */
    public Ipv4Dispatcher(TunWriter tun, int ourMru, Counters counters, RateLimitedLog log) {
        this(tun, ourMru, counters, log, ServedAddresses.NONE);
    }

    /** As above; {@code served} is told which addresses this member serves, as they come and go. */
    public Ipv4Dispatcher(TunWriter tun, int ourMru, Counters counters, RateLimitedLog log, ServedAddresses served) {
        this.tun = tun;
        this.ourMru = ourMru;
        this.log = log;
        this.served = served;
        downPackets = counters.counter("ipv4.downstream.packets");
        downNotIpv4 = counters.counter("ipv4.downstream.dropped.not_ipv4");
        downNoSession = counters.counter("ipv4.downstream.dropped.no_session");
        downTooBig = counters.counter("ipv4.downstream.dropped.too_big");
        downRefused = counters.counter("ipv4.downstream.dropped.link_not_up");
        upPackets = counters.counter("ipv4.upstream.packets");
        upNotIpv4 = counters.counter("ipv4.upstream.dropped.not_ipv4");
        upSpoofed = counters.counter("ipv4.upstream.dropped.spoofed");
        upTooBig = counters.counter("ipv4.upstream.dropped.too_big");
        upWriteErrors = counters.counter("ipv4.upstream.dropped.tun_write_error");
    }

    /** Packets to {@code route.address()} go to this session from now on. */
    public void register(Route route) {
        if (routes.put(key(route.address()), route) == null) {
            served.served(route.address());
        }
    }

    /** Stops routing to {@code route}; harmless if its address now belongs to another session. */
    public void unregister(Route route) {
        if (routes.remove(key(route.address()), route)) {
            served.released(route.address());
        }
    }

    public int routeCount() {
        return routes.size();
    }

    /** One packet the kernel routed into the TUN device. */
    public void fromTun(ByteBuffer packet) {
        if (!isIpv4(packet)) {
            downNotIpv4.increment();
            return;
        }
        Route route = routes.get(packet.getInt(packet.position() + DESTINATION_OFFSET));
        if (route == null) {
            downNoSession.increment();
            return;
        }
        if (packet.remaining() > route.peerMru()) {
            downTooBig.increment();
            log.log(Level.DEBUG, "ipv4.downstream.too_big", "dropped %d-byte packet to %s: peer MRU is %d",
                    packet.remaining(), route.address().getHostAddress(), route.peerMru());
            return;
        }
        if (route.sendIpv4(packet)) {
            downPackets.increment();
        } else {
            downRefused.increment();
        }
    }

    /** One IPv4 packet that the peer of {@code route} sent. */
    public void fromSession(Route route, ByteBuffer packet) {
        if (!isIpv4(packet)) {
            upNotIpv4.increment();
            return;
        }
        if (packet.getInt(packet.position() + SOURCE_OFFSET) != key(route.address())) {
            upSpoofed.increment();
            log.log(Level.INFO, "ipv4.upstream.spoofed", "dropped packet from session %s with a forged source",
                    route.address().getHostAddress());
            return;
        }
        if (packet.remaining() > ourMru) {
            upTooBig.increment();
            return;
        }
        try {
            tun.write(packet);
            upPackets.increment();
        } catch (IOException e) {
            upWriteErrors.increment();
            log.log(Level.WARNING, "ipv4.upstream.tun_write", "TUN write failed: %s", e);
        }
    }

    private static boolean isIpv4(ByteBuffer packet) {
        return packet.remaining() >= MIN_HEADER && (packet.get(packet.position()) & 0xF0) == 0x40;
    }

    private static int key(Inet4Address address) {
        return Ipv4Literal.toInt(address);
    }
}
