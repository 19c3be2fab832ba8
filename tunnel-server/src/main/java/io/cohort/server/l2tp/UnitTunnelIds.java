package io.cohort.server.l2tp;

import io.cohort.cluster.unit.UnitIdAllocator;
import io.cohort.cluster.unit.UnitIdSpace;
import io.cohort.cluster.unit.WorkUnit;
import io.cohort.l2tp.TunnelIdAllocator;
import io.cohort.server.cluster.PeerUnits;
import java.net.InetSocketAddress;
import java.util.Optional;
import java.util.function.IntPredicate;
import java.util.random.RandomGenerator;

/**
 * Tunnel IDs of the work unit the peer's SCCRQ belongs to (its address and port), so that every
 * later packet of the tunnel, which carries the ID, steers to this member (DESIGN.md, "Hashing on
 * tunnel and session identifiers"). Drawn by {@link UnitIdAllocator#choose}, as PPTP's Call IDs
 * are by the same allocator, against the L2TP node's tunnel table. A unit has
 * {@value UnitIdSpace#IDS_PER_UNIT} IDs (unit 0 has 63), so one LAC address and port can have at
 * most that many tunnels with the cluster. An IPv6 peer, which steering never brings, gets any
 * free ID.
 */
final class UnitTunnelIds implements TunnelIdAllocator {
    private final int localPort;
    private final RandomGenerator random;
    private final TunnelIdAllocator unsteered;

    UnitTunnelIds(int localPort, RandomGenerator random, TunnelIdAllocator unsteered) {
        this.localPort = localPort;
        this.random = random;
        this.unsteered = unsteered;
    }

    @Override
    public int allocate(InetSocketAddress peer, IntPredicate inUse) {
        Optional<WorkUnit> unit = PeerUnits.udp(peer, localPort);
        if (unit.isEmpty()) {
            return unsteered.allocate(peer, inUse);
        }
        return UnitIdAllocator.choose(unit.get(), inUse, random).orElse(0);
    }
}
