package io.cohort.cluster.balance;

import io.cohort.cluster.member.MemberId;
import java.time.Duration;
import java.util.Comparator;
import java.util.Optional;

/**
 * The master's load-balancing decisions as pure functions of a {@link WorkUnitAssignment}; load
 * is the number of units a member owns. Ties go to the member first in name order, so any member
 * computing the decision from the same assignment gets the same answer.
 *
 * <ul>
 *   <li>{@link #leastLoaded}: who gets a unit that has no owner yet (figure 9, step 937: "assign
 *       this work set to the least loaded member").
 *   <li>{@link #nextMove}: run every {@link #DEFAULT_PERIOD} (figure 8D, 855–865). With K the
 *       most and J the least loaded member's load, moving one unit "would have an effect" only if
 *       afterwards the least loaded is still at most the most loaded, K − 1 ≥ J + 1 (the
 *       patent's text prints "K−1 ≥ J−1", which holds for every K &gt; J and would move a unit
 *       back and forth between loads 5 and 4). So a unit moves only when K − J ≥ 2; the unit moved
 *       is the most loaded member's lowest-numbered one. Each call proposes at most one move; the
 *       master "checks the load numbers again" (865) by calling again on the updated assignment.
 * </ul>
 */
public final class LoadBalancer {
    /** How often the master rebalances: "in the preferred embodiment every 2 seconds". */
    public static final Duration DEFAULT_PERIOD = Duration.ofSeconds(2);

    private LoadBalancer() {}

    /** The member that should receive an unassigned unit; empty if there are no members. */
    public static Optional<MemberId> leastLoaded(WorkUnitAssignment assignment) {
        return assignment.members().stream().min(byLoad(assignment));
    }

    /** The one move that evens the load, or empty if no move would help. */
    public static Optional<UnitMove> nextMove(WorkUnitAssignment assignment) {
        Optional<MemberId> least = leastLoaded(assignment);
        Optional<MemberId> most = assignment.members().stream()
                .min(Comparator.comparingInt(assignment::load).reversed().thenComparing(Comparator.naturalOrder()));
        if (least.isEmpty() || assignment.load(most.get()) - assignment.load(least.get()) < 2) {
            return Optional.empty();
        }
        return Optional.of(new UnitMove(assignment.unitsOf(most.get()).first(), most.get(), least.get()));
    }

    private static Comparator<MemberId> byLoad(WorkUnitAssignment assignment) {
        return Comparator.comparingInt(assignment::load).thenComparing(Comparator.naturalOrder());
    }
}
