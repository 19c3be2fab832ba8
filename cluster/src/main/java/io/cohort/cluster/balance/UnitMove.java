package io.cohort.cluster.balance;

import io.cohort.cluster.member.MemberId;
import io.cohort.cluster.unit.WorkUnit;

/**
 * The master's decision to take {@code unit} from {@code from} and give it to {@code to}: a
 * "work de-assign" request to {@code from} naming {@code to} as the recipient (figure 8D, 863).
 */
public record UnitMove(WorkUnit unit, MemberId from, MemberId to) {
    public UnitMove {
        if (from.equals(to)) {
            throw new IllegalArgumentException("a move from " + from + " to itself");
        }
    }
}
