package io.cohort.server.cluster;

import io.cohort.cluster.unit.FlowKey;
import io.cohort.cluster.unit.WorkFilter;
import io.cohort.cluster.unit.WorkUnit;
import java.net.Inet4Address;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.Optional;

/**
 * The work unit of a peer's packet that carries none of our identifiers (an SCCRQ, a TCP segment
 * of a PPTP control connection): by the peer's address and port, as every member's steering and
 * kernel filter classify it ({@link WorkFilter}). Only IPv4: the cluster IP is an IPv4 address,
 * so an IPv6 peer never reached us through steering.
 */
public final class PeerUnits {
    private PeerUnits() {}

    /** The unit of UDP from {@code peer} to {@code localPort}; empty for an IPv6 peer. */
    public static Optional<WorkUnit> udp(InetSocketAddress peer, int localPort) {
        return udpFlow(peer, localPort).map(WorkFilter::classify);
    }

    /** The unit of TCP from {@code peer} to {@code localPort}; empty for an IPv6 peer. */
    public static Optional<WorkUnit> tcp(InetSocketAddress peer, int localPort) {
        return flow(peer, FlowKey.Ipv4Flow.TCP, localPort).map(WorkFilter::classify);
    }

    /**
     * The flow key of UDP from {@code peer} to {@code localPort}, for a protocol that classifies
     * by its own identifier once the peer carries one ({@link FlowKey#l2tp}); empty for an IPv6
     * peer.
     */
    public static Optional<FlowKey.Ipv4Flow> udpFlow(InetSocketAddress peer, int localPort) {
        return flow(peer, FlowKey.Ipv4Flow.UDP, localPort);
    }

    private static Optional<FlowKey.Ipv4Flow> flow(InetSocketAddress peer, int protocol, int localPort) {
        if (!(peer.getAddress() instanceof Inet4Address v4)) {
            return Optional.empty();
        }
        int source = ByteBuffer.wrap(v4.getAddress()).getInt();
        // the destination address takes no part in the TCP/UDP hash (always the cluster IP)
        return Optional.of(new FlowKey.Ipv4Flow(source, 0, protocol, peer.getPort(), localPort));
    }
}
