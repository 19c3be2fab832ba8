package io.cohort.cluster.sim;

import io.cohort.cluster.member.MemberId;
import io.cohort.cluster.membership.ClusterNode;
import io.cohort.cluster.membership.Role;
import java.util.List;

/**
 * Measures periods with two masters serving at once: two running, not paused nodes in the master
 * role, each under a valid lease and each with members in its list. Two such masters may give one
 * unit to two members, or keep one that the other gave away, and both serve it (figure 8A's
 * tie-breaker ends it). Sampled: a period lasts from the first sample that sees it to the last.
 */
final class MasterOverlap {
    private final SimCluster cluster;
    private long since = -1;
    private long longest;
    private long periods;

    MasterOverlap(SimCluster cluster) {
        this.cluster = cluster;
    }

    /** Looks at the cluster now; returns whether two masters serve now. */
    boolean sample() {
        long now = cluster.scheduler().nanos();
        boolean two = servingMasters(now).size() > 1;
        if (two && since < 0) {
            since = now;
            periods++;
        } else if (!two) {
            since = -1;
        }
        if (two) {
            longest = Math.max(longest, now - since);
        }
        return two;
    }

    /** Ends the running period, if any, without counting on: a partition, where two masters are expected. */
    void interrupt() {
        since = -1;
    }

    /** The longest period seen, from its first sample to its last (zero for a single sample). */
    long longestNanos() {
        return longest;
    }

    /** How many periods began. */
    long periods() {
        return periods;
    }

    /** Whether a period is running now. */
    boolean ongoing() {
        return since >= 0;
    }

    List<MemberId> servingMasters(long now) {
        return cluster.slots().stream().filter(s -> !s.paused()).flatMap(s -> s.node().stream())
                .filter(n -> n.role() == Role.MASTER && n.leaseValid(now) && n.members().size() > 1)
                .map(ClusterNode::id).toList();
    }
}
