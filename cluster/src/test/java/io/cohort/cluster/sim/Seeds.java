package io.cohort.cluster.sim;

import java.util.stream.LongStream;

/**
 * The seeds a simulation test runs: {@code -Dcohort.cluster.seed=S} replays seed S alone;
 * {@code -Dcohort.cluster.seeds=N} runs seeds 1..N instead of the test's default count.
 */
final class Seeds {
    private Seeds() {}

    static LongStream of(int defaultCount) {
        String one = System.getProperty("cohort.cluster.seed");
        if (one != null && !one.isBlank()) {
            return LongStream.of(Long.parseLong(one.trim()));
        }
        return LongStream.rangeClosed(1, Integer.getInteger("cohort.cluster.seeds", defaultCount));
    }

    /** Runs {@code test} for each seed; a failure names its seed and how to replay it. */
    static void run(int defaultCount, SeedTest test) {
        Seeds.of(defaultCount).forEach(seed -> {
            try {
                test.run(seed);
            } catch (AssertionError | RuntimeException e) {
                throw new AssertionError("seed " + seed + " failed (replay alone with -Dcohort.cluster.seed=" + seed
                        + "): " + e.getMessage(), e);
            }
        });
    }

    @FunctionalInterface
    interface SeedTest {
        void run(long seed);
    }
}
