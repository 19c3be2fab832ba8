package io.cohort.server.cluster;

import io.cohort.cluster.member.MemberId;
import io.cohort.cluster.membership.ClusterApplication;
import io.cohort.cluster.unit.WorkUnit;
import java.util.Collections;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.logging.Logger;

/**
 * One protocol's registration with the cluster layer: it is told which work units this member
 * owns, and which members come and go. With steering on ({@code [steering] mode}), the protocol
 * serves only packets of units it {@linkplain #owns owns} and gives its tunnels and calls
 * identifiers of those units; without it (no cluster, or mode none) it serves whatever reaches it.
 */
public final class UnitOwnership implements ClusterApplication {
    private static final Logger LOG = Logger.getLogger(UnitOwnership.class.getName());
    private static final int WORDS = WorkUnit.COUNT / Long.SIZE;

    private final String protocol;
    private final boolean steering;
    private volatile SortedSet<WorkUnit> owned = Collections.emptySortedSet();
    /** {@link #owned} as a bitmap for the per-packet check; replaced whole, never changed. */
    private volatile long[] ownedBits = new long[WORDS];

    UnitOwnership(String protocol, boolean steering) {
        this.protocol = protocol;
        this.steering = steering;
    }

    public String protocol() {
        return protocol;
    }

    /** Whether packets are steered by work unit: only owned units' packets are this member's. */
    public boolean steering() {
        return steering;
    }

    /** The units this member owns now, for this protocol. */
    public SortedSet<WorkUnit> owned() {
        return owned;
    }

    /** Whether this member serves {@code unit}'s packets: always without steering. Any thread. */
    public boolean owns(WorkUnit unit) {
        int u = unit.value();
        return !steering || (ownedBits[u >>> 6] & 1L << u) != 0;
    }

    @Override
    public synchronized void unitsAssigned(Set<WorkUnit> units) {
        SortedSet<WorkUnit> next = new TreeSet<>(owned);
        next.addAll(units);
        publish(next);
        LOG.fine(() -> protocol + ": " + units.size() + " work units assigned, " + next.size() + " owned");
    }

    @Override
    public synchronized void unitsRevoked(Set<WorkUnit> units) {
        SortedSet<WorkUnit> next = new TreeSet<>(owned);
        next.removeAll(units);
        publish(next);
        LOG.fine(() -> protocol + ": " + units.size() + " work units revoked, " + next.size() + " owned");
    }

    private void publish(SortedSet<WorkUnit> next) {
        long[] bits = new long[WORDS];
        for (WorkUnit unit : next) {
            bits[unit.value() >>> 6] |= 1L << unit.value();
        }
        ownedBits = bits;
        owned = Collections.unmodifiableSortedSet(next);
    }

    @Override
    public void memberLeft(MemberId member) {
        LOG.fine(() -> protocol + ": member " + member + " left");
    }
}
