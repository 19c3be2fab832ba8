package io.cohort.pptp.call;

import java.util.BitSet;
import java.util.OptionalInt;
import java.util.function.IntPredicate;
import java.util.random.RandomGenerator;

/**
 * Allocates Call IDs at random among the eligible ones, so that IDs are hard to guess and are not
 * reused soon after release. 0 is never handed out: peers and kernel drivers treat it as "no call".
 * {@code eligible} restricts the IDs, as for load-generating clients that share one address and so
 * need disjoint Call IDs (a cluster member's IDs of its work units come from
 * {@code io.cohort.cluster.unit.UnitIdAllocator} instead). A few random draws are tried; if they
 * all hit used or ineligible IDs, a scan from a random start finds a free one if any exists.
 * Memory: one 8 KiB bit set.
 */
public final class RandomCallIdAllocator implements CallIdAllocator {
    /** Random draws before falling back to a scan. */
    static final int RANDOM_TRIES = 16;
    private static final int SPACE = 0x10000;

    private final RandomGenerator random;
    private final IntPredicate eligible;
    private final BitSet used = new BitSet(SPACE);
    private int count;

    /** Any ID from 1 to 65535. */
    public RandomCallIdAllocator(RandomGenerator random) {
        this(random, id -> true);
    }

    public RandomCallIdAllocator(RandomGenerator random, IntPredicate eligible) {
        this.random = random;
        this.eligible = eligible;
    }

    @Override
    public OptionalInt allocate() {
        for (int i = 0; i < RANDOM_TRIES; i++) {
            int id = 1 + random.nextInt(SPACE - 1);
            if (free(id)) {
                return take(id);
            }
        }
        int start = 1 + random.nextInt(SPACE - 1);
        for (int i = 0; i < SPACE - 1; i++) {
            int id = 1 + (start - 1 + i) % (SPACE - 1);
            if (free(id)) {
                return take(id);
            }
        }
        return OptionalInt.empty();
    }

    /**
     * Reserves a given ID, e.g. one a call carried over from another member holds; false if it is
     * in use already.
     *
     * @throws IllegalArgumentException if {@code callId} is not 1 to 65535
     */
    public boolean claim(int callId) {
        if (callId < 1 || callId >= SPACE) {
            throw new IllegalArgumentException("Call IDs are 1 to 65535, not " + callId);
        }
        if (used.get(callId)) {
            return false;
        }
        take(callId);
        return true;
    }

    @Override
    public void release(int callId) {
        if (callId < 1 || callId >= SPACE || !used.get(callId)) {
            throw new IllegalArgumentException("Call ID " + callId + " is not allocated");
        }
        used.clear(callId);
        count--;
    }

    @Override
    public boolean inUse(int callId) {
        return callId >= 0 && callId < SPACE && used.get(callId);
    }

    @Override
    public int allocated() {
        return count;
    }

    private boolean free(int id) {
        return !used.get(id) && eligible.test(id);
    }

    private OptionalInt take(int id) {
        used.set(id);
        count++;
        return OptionalInt.of(id);
    }
}
