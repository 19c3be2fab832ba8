package io.cohort.cluster.runtime;

import io.cohort.cluster.membership.ClusterApplication;
import io.cohort.cluster.unit.WorkUnit;
import java.util.Set;

/**
 * The units the node owns, as told on its thread ({@code unitsAssigned}, {@code unitsRevoked}),
 * readable from any thread at the cost of one volatile read: a copy-on-write bitmap of the
 * {@value WorkUnit#COUNT} units. With the node's lease it answers {@link ClusterMember#serves}
 * for every packet.
 */
final class OwnedUnits implements ClusterApplication {
    private volatile long[] bits = new long[WorkUnit.COUNT / Long.SIZE];

    boolean contains(WorkUnit unit) {
        int u = unit.value();
        return (bits[u >>> 6] & (1L << (u & 63))) != 0;
    }

    @Override
    public void unitsAssigned(Set<WorkUnit> units) {
        long[] next = bits.clone();
        units.forEach(unit -> next[unit.value() >>> 6] |= 1L << (unit.value() & 63));
        bits = next;
    }

    @Override
    public void unitsRevoked(Set<WorkUnit> units) {
        long[] next = bits.clone();
        units.forEach(unit -> next[unit.value() >>> 6] &= ~(1L << (unit.value() & 63)));
        bits = next;
    }
}
