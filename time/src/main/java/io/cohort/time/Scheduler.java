package io.cohort.time;

import java.time.Duration;

/**
 * Runs tasks later, on the single thread that owns the engines using it.
 *
 * <p>Protocol engines are single-threaded: every event for one engine (bytes in, a timer firing)
 * arrives on the same thread, so engines need no locks. Production code adapts an event loop
 * ({@link ExecutorScheduler}); tests use {@link VirtualScheduler} and advance time explicitly.
 */
public interface Scheduler extends Clock {
    /** Runs {@code task} once after {@code delay}. */
    Timer schedule(Duration delay, Runnable task);
}
