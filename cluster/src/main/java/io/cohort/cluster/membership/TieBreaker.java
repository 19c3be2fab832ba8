package io.cohort.cluster.membership;

import io.cohort.cluster.message.MemberAddress;

/**
 * Which of two masters stays master (figure 8A, 809–819): the one with more cluster members;
 * with equal counts, the one with the lower IP address ({@link MemberAddress} order). Both masters
 * compute the same answer from the same two facts, so exactly one steps down.
 */
public final class TieBreaker {
    private TieBreaker() {}

    /**
     * Whether the master with {@code myMembers} members at {@code mine} beats the one with
     * {@code theirMembers} at {@code theirs}. Counts include the masters themselves.
     */
    public static boolean wins(int myMembers, MemberAddress mine, int theirMembers, MemberAddress theirs) {
        if (myMembers != theirMembers) {
            return myMembers > theirMembers;
        }
        int c = mine.compareTo(theirs);
        if (c == 0) {
            throw new IllegalArgumentException("two masters at the same address " + mine);
        }
        return c < 0;
    }
}
