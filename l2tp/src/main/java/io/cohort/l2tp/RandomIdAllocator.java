package io.cohort.l2tp;

import java.util.Objects;
import java.util.function.IntPredicate;
import java.util.random.RandomGenerator;

/**
 * Random non-zero IDs, so that IDs are hard to guess and are not reused right away. After a few
 * random misses it scans from a random point, so a nearly full space still yields a free ID.
 */
public final class RandomIdAllocator implements IdAllocator {
    private static final int RANDOM_TRIES = 16;
    private final RandomGenerator random;

    public RandomIdAllocator(RandomGenerator random) {
        this.random = Objects.requireNonNull(random, "random");
    }

    @Override
    public int allocate(IntPredicate inUse) {
        for (int i = 0; i < RANDOM_TRIES; i++) {
            int id = 1 + random.nextInt(0xFFFF);
            if (!inUse.test(id)) {
                return id;
            }
        }
        int start = random.nextInt(0xFFFF);
        for (int i = 0; i < 0xFFFF; i++) {
            int id = 1 + (start + i) % 0xFFFF;
            if (!inUse.test(id)) {
                return id;
            }
        }
        return 0;
    }
}
