package io.cohort.cluster.membership;

import io.cohort.cluster.member.MemberId;
import io.cohort.cluster.message.MemberEntry;
import io.cohort.cluster.unit.WorkUnit;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;

/**
 * What one node knows of its cluster, for {@code cohort cluster}.
 *
 * @param self this node
 * @param role its role
 * @param master the master it belongs to (itself when master), if any
 * @param members the cluster's members, itself included, in name order (empty outside a cluster)
 * @param lossTolerance the n in force: keepalives every {@code keepaliveInterval} = t / (n + 1)
 * @param keepaliveInterval how often members and master send keepalives now
 * @param lossEstimates the master's measured keepalive loss per member, the share of its recent
 *     keepalives that did not arrive ({@link io.cohort.cluster.keepalive.LossEstimator#measuredLoss()};
 *     not the pessimistic P that chooses n); empty on members: only the master sees the members'
 *     sequence numbers
 * @param assignments every assigned unit and its owner: the master's table, or on a member the
 *     one in the last master keepalive
 * @param owned the units this node processes
 * @param configVersion its configuration version
 * @param draining the members being drained ({@code cohort drain}): all of them on the master, this
 *     node only (if it is) on a member
 */
public record ClusterView(MemberId self, Role role, Optional<MemberId> master, List<MemberEntry> members,
                          int lossTolerance, Duration keepaliveInterval, Map<MemberId, Double> lossEstimates,
                          SortedMap<WorkUnit, MemberId> assignments, SortedSet<WorkUnit> owned, long configVersion,
                          SortedSet<MemberId> draining) {
    public ClusterView {
        members = List.copyOf(members);
        lossEstimates = Map.copyOf(lossEstimates);
        assignments = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(assignments));
        owned = java.util.Collections.unmodifiableSortedSet(new java.util.TreeSet<>(owned));
        draining = java.util.Collections.unmodifiableSortedSet(new java.util.TreeSet<>(draining));
    }
}
