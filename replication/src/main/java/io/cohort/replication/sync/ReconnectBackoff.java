package io.cohort.replication.sync;

import java.time.Duration;
import java.util.SplittableRandom;

/**
 * How long to wait before the next attempt to reach a peer: {@code initial}, doubling after each
 * failure up to {@code max}, each delay drawn in [d/2, d] so that members that lost each other at
 * once do not all retry in step. A connection that came up resets it.
 */
public final class ReconnectBackoff {
    private final Duration initial;
    private final Duration max;
    private final SplittableRandom random;
    private Duration ceiling;

    public ReconnectBackoff(Duration initial, Duration max, long seed) {
        if (initial.isNegative() || initial.isZero() || max.compareTo(initial) < 0) {
            throw new IllegalArgumentException("backoff from " + initial + " to " + max);
        }
        this.initial = initial;
        this.max = max;
        this.random = new SplittableRandom(seed);
        this.ceiling = initial;
    }

    /** The delay before the next attempt; each call (a failure) doubles the ceiling up to {@code max}. */
    public Duration next() {
        long ceilingNanos = ceiling.toNanos();
        long delay = ceilingNanos / 2 + random.nextLong(ceilingNanos / 2 + 1);
        ceiling = ceiling.multipliedBy(2).compareTo(max) > 0 ? max : ceiling.multipliedBy(2);
        return Duration.ofNanos(delay);
    }

    /** A connection came up: the next failure waits about {@code initial} again. */
    public void reset() {
        ceiling = initial;
    }
}
