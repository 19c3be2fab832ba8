package io.cohort.cluster.keepalive;

import java.time.Duration;

/**
 * The patent's watchdog timer ("Failover Handling"): "reset whenever a cluster member sends a
 * keepalive", expired when the current time is more than t after the last reset. The master keeps
 * one per member (figure 8B step 837), each member one for the master (figure 8G step 899). Time
 * is passed in as monotonic nanoseconds ({@code io.cohort.time.Clock}); nothing here schedules.
 */
public final class Watchdog {
    private final long timeoutNanos;
    private long lastReset;

    /** A watchdog last reset at {@code nowNanos}. */
    public Watchdog(Duration timeout, long nowNanos) {
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("watchdog timeout must be positive: " + timeout);
        }
        this.timeoutNanos = timeout.toNanos();
        this.lastReset = nowNanos;
    }

    /** A keepalive arrived. */
    public void reset(long nowNanos) {
        lastReset = nowNanos;
    }

    /** Whether more than the timeout has passed since the last reset. */
    public boolean expired(long nowNanos) {
        return nowNanos - lastReset > timeoutNanos;
    }

    /** The last instant at which the watchdog is still not expired. */
    public long deadline() {
        return lastReset + timeoutNanos;
    }
}
