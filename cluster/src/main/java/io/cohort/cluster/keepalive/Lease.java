package io.cohort.cluster.keepalive;

import java.time.Duration;

/**
 * A node's lease on the work units it owns (fencing): the node serves its units only until the
 * lease runs out, and only the master's keepalives renew it (a master renews its own as it sends
 * them). The master moves the units of a member it stopped hearing from only after that member's
 * lease has surely run out, so a member that was paused, or cut off, never serves a unit that
 * someone else already serves. Time is passed in as monotonic nanoseconds of the same clock as the
 * node's scheduler ({@code System.nanoTime()} in a running member).
 *
 * <p>Written on the node's thread; {@link #valid} may be read from any thread (the protocols ask
 * it per packet), hence the volatile field.
 */
public final class Lease {
    private final long durationNanos;
    private volatile long validUntil;
    private volatile boolean held;

    /** A lease of {@code duration}, not held until first renewed. */
    public Lease(Duration duration) {
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException("a lease must be positive: " + duration);
        }
        this.durationNanos = duration.toNanos();
    }

    /** Renewed at {@code nowNanos}: valid for the lease's duration from then. */
    public void renew(long nowNanos) {
        validUntil = nowNanos + durationNanos;
        held = true;
    }

    /** Whether the lease still holds at {@code nowNanos}. */
    public boolean valid(long nowNanos) {
        return held && nowNanos - validUntil <= 0;
    }

    /** The last instant at which the lease holds (meaningless while never renewed). */
    public long validUntil() {
        return validUntil;
    }

    public Duration duration() {
        return Duration.ofNanos(durationNanos);
    }
}
