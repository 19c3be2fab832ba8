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
 * owns, and which members come and go. The protocol reads {@link #owned()} to decide which
 * tunnels and calls are its own (steering and per-unit identifiers build on it).
 */
public final class UnitOwnership implements ClusterApplication {
    private static final Logger LOG = Logger.getLogger(UnitOwnership.class.getName());

    private final String protocol;
    private volatile SortedSet<WorkUnit> owned = Collections.emptySortedSet();

    UnitOwnership(String protocol) {
        this.protocol = protocol;
    }

    public String protocol() {
        return protocol;
    }

    /** The units this member owns now, for this protocol. */
    public SortedSet<WorkUnit> owned() {
        return owned;
    }

    @Override
    public synchronized void unitsAssigned(Set<WorkUnit> units) {
        SortedSet<WorkUnit> next = new TreeSet<>(owned);
        next.addAll(units);
        owned = Collections.unmodifiableSortedSet(next);
        LOG.fine(() -> protocol + ": " + units.size() + " work units assigned, " + next.size() + " owned");
    }

    @Override
    public synchronized void unitsRevoked(Set<WorkUnit> units) {
        SortedSet<WorkUnit> next = new TreeSet<>(owned);
        next.removeAll(units);
        owned = Collections.unmodifiableSortedSet(next);
        LOG.fine(() -> protocol + ": " + units.size() + " work units revoked, " + next.size() + " owned");
    }

    @Override
    public void memberLeft(MemberId member) {
        LOG.fine(() -> protocol + ": member " + member + " left");
    }
}
