package io.cohort.cluster.message;

import io.cohort.cluster.member.MemberId;
import io.cohort.cluster.unit.WorkUnit;
import java.util.Collections;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * A member's ("client") keepalive to its master (figure 8H), with "a monotonically increasing
 * numeric value": an unsigned 32-bit sequence number, compared with serial arithmetic by
 * {@link io.cohort.cluster.keepalive.LossEstimator}.
 *
 * @param busy the member's units that carry sessions (what a move would have to carry along,
 *     {@link io.cohort.cluster.membership.ClusterApplication#unitBusy}); its other units are empty
 *     and the master may move them in bulk
 * @param draining the member is being drained ({@code cohort drain}): the master moves its units
 *     away, live, and gives it none
 * @param catchingUp the member does not yet hold what every other member replicated (it just
 *     joined or restarted): the master gives a dead member's units to others while it can
 */
public record MemberKeepalive(MemberId sender, long term, int sequence, SortedSet<WorkUnit> busy, boolean draining,
                              boolean catchingUp)
        implements ClusterMessage {
    public MemberKeepalive {
        busy = Collections.unmodifiableSortedSet(new TreeSet<>(busy));
    }

    /** A keepalive of a member that is not being drained and holds every other member's state. */
    public MemberKeepalive(MemberId sender, long term, int sequence, SortedSet<WorkUnit> busy) {
        this(sender, term, sequence, busy, false, false);
    }

    /** A keepalive of a member that holds every other member's state. */
    public MemberKeepalive(MemberId sender, long term, int sequence, SortedSet<WorkUnit> busy, boolean draining) {
        this(sender, term, sequence, busy, draining, false);
    }

    /** A keepalive that reports no busy unit. */
    public MemberKeepalive(MemberId sender, long term, int sequence) {
        this(sender, term, sequence, Collections.emptySortedSet());
    }
}
