package io.cohort.cluster.keepalive;

/**
 * Whether the thread that runs a node is keeping up with its own timers. A node always has a
 * periodic timer pending (its keepalive, or its join retransmission); when that timer is overdue by
 * more than a tolerance, the thread was descheduled, paused (SIGSTOP, a long GC) or starved, and
 * what it reads now may have waited in a socket buffer all that time: a master keepalive read then
 * may be seconds old and must not renew a {@link Lease}. A paused process that resumes usually
 * reads its socket before its overdue timers run, which is exactly that case.
 *
 * <p>Time is passed in as monotonic nanoseconds; nothing here schedules.
 */
public final class LoopLiveness {
    private final long toleranceNanos;
    private long nextDue;
    private boolean expecting;

    /** @param toleranceNanos how late a timer may run and still count as on time */
    public LoopLiveness(long toleranceNanos) {
        if (toleranceNanos < 0) {
            throw new IllegalArgumentException("tolerance must not be negative: " + toleranceNanos);
        }
        this.toleranceNanos = toleranceNanos;
    }

    /** The node's periodic timer is due at {@code dueNanos}. */
    public void expect(long dueNanos) {
        nextDue = dueNanos;
        expecting = true;
    }

    /** Whether, at {@code nowNanos}, the pending periodic timer is not overdue by more than the tolerance. */
    public boolean current(long nowNanos) {
        return !expecting || nowNanos - nextDue <= toleranceNanos;
    }

    /** How late the periodic timer runs when it runs at {@code nowNanos} (zero if on time or early). */
    public long lateness(long nowNanos) {
        return expecting ? Math.max(0, nowNanos - nextDue) : 0;
    }

    /** Whether a timer that runs {@code latenessNanos} late counts as late. */
    public boolean late(long latenessNanos) {
        return latenessNanos > toleranceNanos;
    }
}
