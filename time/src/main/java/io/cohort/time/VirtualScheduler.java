package io.cohort.time;

import java.time.Duration;
import java.util.PriorityQueue;

/**
 * Virtual time for deterministic tests and simulations: nothing runs until the test advances
 * the clock, and then due tasks run in deadline order (ties in scheduling order).
 */
public final class VirtualScheduler implements Scheduler {
    private final PriorityQueue<Task> queue = new PriorityQueue<>();
    private long now;
    private long sequence;

    public VirtualScheduler() {
        this(0);
    }

    public VirtualScheduler(long startNanos) {
        this.now = startNanos;
    }

    @Override
    public long nanos() {
        return now;
    }

    @Override
    public Timer schedule(Duration delay, Runnable task) {
        long delayNanos = Math.max(0, delay.toNanos());
        Task t = new Task(now + delayNanos, sequence++, task);
        queue.add(t);
        return t;
    }

    /** Advances time by {@code step}, running every task that falls due on the way. */
    public void advance(Duration step) {
        advanceTo(now + step.toNanos());
    }

    /** Advances time to {@code deadline}, running every task that falls due on the way. */
    public void advanceTo(long deadline) {
        while (true) {
            Task next = queue.peek();
            if (next == null || next.deadline > deadline) {
                break;
            }
            queue.poll();
            now = Math.max(now, next.deadline);
            if (!next.cancelled) {
                next.ran = true;
                next.task.run();
            }
        }
        now = Math.max(now, deadline);
    }

    /** Runs tasks that are due now (delay zero), without advancing time. */
    public void runDue() {
        advanceTo(now);
    }

    /** Number of tasks still scheduled and not cancelled. */
    public int pendingCount() {
        int n = 0;
        for (Task t : queue) {
            if (!t.cancelled) {
                n++;
            }
        }
        return n;
    }

    private static final class Task implements Timer, Comparable<Task> {
        final long deadline;
        final long order;
        final Runnable task;
        boolean cancelled;
        boolean ran;

        Task(long deadline, long order, Runnable task) {
            this.deadline = deadline;
            this.order = order;
            this.task = task;
        }

        @Override public void cancel() { cancelled = true; }
        @Override public boolean isPending() { return !cancelled && !ran; }

        @Override
        public int compareTo(Task o) {
            int c = Long.compare(deadline, o.deadline);
            return c != 0 ? c : Long.compare(order, o.order);
        }
    }
}
