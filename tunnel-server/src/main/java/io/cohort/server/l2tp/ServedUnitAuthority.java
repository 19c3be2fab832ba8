package io.cohort.server.l2tp;

import io.cohort.l2tp.TunnelStateAuthority;
import io.cohort.server.cluster.UnitOwnership;

/**
 * A member is the one place a tunnel's state can be only while it serves the tunnel's work unit
 * ({@link UnitOwnership#owns}: assigned to it, its replicas rebuilt, its lease valid): then a
 * tunnel it does not know is nowhere, and the node may answer its packets with a StopCCN. During a
 * takeover the replicas are still being rebuilt, a fenced member's units may already be another's,
 * and a unit not owned is another member's: no answer for any of them. Without steering every unit
 * is served, and a lone server answers always.
 */
final class ServedUnitAuthority implements TunnelStateAuthority {
    private final UnitOwnership ownership;

    ServedUnitAuthority(UnitOwnership ownership) {
        this.ownership = ownership;
    }

    @Override
    public boolean holdsAnyStateOf(int localTunnelId) {
        return ownership.owns(TunnelUnits.ofTunnel(localTunnelId));
    }
}
