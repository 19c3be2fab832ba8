package io.cohort.cluster.membership;

import io.cohort.cluster.member.MemberId;
import io.cohort.cluster.unit.WorkUnit;
import java.util.Collections;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What a node carries through {@link JoinProcedure} after losing its master (figure 8I) or being
 * told its master stepped down (figure 8A), for at most {@link NodeSettings#keptUnitsGrace()}:
 * the units it owned, which it keeps processing, and the old master's last assignment table
 * without the old master's and this node's own entries, for the case it becomes master itself.
 *
 * @param units the units this node keeps owning
 * @param inherited the other members' units as the old master last announced them
 * @param deadlineNanos when, on the node's scheduler, both are given up
 */
record KeptUnits(SortedSet<WorkUnit> units, SortedMap<WorkUnit, MemberId> inherited, long deadlineNanos) {
    static final KeptUnits NONE = new KeptUnits(new TreeSet<>(), new TreeMap<>(), Long.MIN_VALUE);

    KeptUnits {
        units = Collections.unmodifiableSortedSet(new TreeSet<>(units));
        inherited = Collections.unmodifiableSortedMap(new TreeMap<>(inherited));
    }
}
