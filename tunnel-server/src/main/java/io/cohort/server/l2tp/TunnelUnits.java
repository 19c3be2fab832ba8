package io.cohort.server.l2tp;

import io.cohort.cluster.unit.FlowKey;
import io.cohort.cluster.unit.WorkFilter;
import io.cohort.cluster.unit.WorkUnit;
import io.cohort.l2tp.wire.L2tpCodec;
import io.cohort.l2tp.wire.L2tpHeader;
import io.cohort.server.cluster.PeerUnits;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.Optional;

/**
 * The work unit of an L2TP tunnel and of a datagram, as steering classifies them
 * ({@link WorkFilter}, {@link FlowKey#l2tp}): a tunnel lives in the unit of our tunnel ID, and a
 * datagram that carries a tunnel ID belongs to that unit; one with tunnel ID 0 (an SCCRQ, RFC 2661
 * section 3.1) or whose header cannot be read to the unit of the peer's address and port. The
 * filter that keeps a member's datagrams and the replication that publishes a tunnel's state under
 * its unit both ask here, so they never disagree.
 */
final class TunnelUnits {
    private TunnelUnits() {}

    /** The unit of the tunnel whose local (our) tunnel ID is {@code localTunnelId}, 1 to 65535. */
    static WorkUnit ofTunnel(int localTunnelId) {
        return WorkFilter.classify(new FlowKey.L2tpTunnel(localTunnelId));
    }

    /**
     * The unit of {@code datagram} from {@code peer} to {@code localPort} (the buffer is not
     * consumed); empty for an IPv6 peer, which steering never brings.
     */
    static Optional<WorkUnit> ofDatagram(InetSocketAddress peer, int localPort, ByteBuffer datagram) {
        int tunnelId = L2tpCodec.peekHeader(datagram).map(L2tpHeader::tunnelId).orElse(0);
        return PeerUnits.udpFlow(peer, localPort).map(flow -> tunnelId == 0 ? WorkFilter.classify(flow)
                : ofTunnel(tunnelId));
    }
}
