package io.cohort.server.l2tp;

import io.cohort.cluster.unit.WorkUnit;
import io.cohort.l2tp.TunnelStateAuthority;
import io.cohort.replication.ReplicaStore;
import io.cohort.replication.StateKey;
import io.cohort.server.cluster.UnitOwnership;

/**
 * A member is the one place a tunnel's state can be only while it serves the tunnel's work unit,
 * and has for a while ({@link UnitOwnership#servesSettled}: assigned to it, its replicas rebuilt,
 * its lease valid, for at least 5 s: a member just started may be alone in a cluster of its own
 * for a moment, owning every unit, before it hears the real one), and holds no
 * replica of the tunnel: then a tunnel it does not know is nowhere, and the node may answer its
 * packets with a StopCCN. During a takeover the replicas are still being rebuilt, a fenced
 * member's units may already be another's, a unit not owned is another member's, and a replica
 * held here means another member published the tunnel (without steering, a member serves every
 * unit, and may be about to take that tunnel over): no answer for any of them. A lone server holds
 * no replicas and serves every unit, so it answers always.
 */
final class ServedUnitAuthority implements TunnelStateAuthority {
    private final UnitOwnership ownership;
    private final ReplicaStore replicas;

    ServedUnitAuthority(UnitOwnership ownership, ReplicaStore replicas) {
        this.ownership = ownership;
        this.replicas = replicas;
    }

    @Override
    public boolean holdsAnyStateOf(int localTunnelId) {
        WorkUnit unit = TunnelUnits.ofTunnel(localTunnelId);
        return ownership.servesSettled(unit) && !replicated(unit, localTunnelId);
    }

    /** Whether a replica of the tunnel, or of one of its calls, is held here (a copy of the unit's keys: rare, and after the answer budget). */
    private boolean replicated(WorkUnit unit, int localTunnelId) {
        for (StateKey key : replicas.unit(unit).keySet()) {
            if (L2tpStateKeys.isL2tp(key) && L2tpStateKeys.tunnelIdOf(key) == localTunnelId) {
                return true;
            }
        }
        return false;
    }
}
