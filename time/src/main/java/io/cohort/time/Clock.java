package io.cohort.time;

/** A monotonic clock. Protocol engines read time only through this, so tests can drive it. */
@FunctionalInterface
public interface Clock {
    /** Monotonic nanoseconds; only differences are meaningful (like {@link System#nanoTime()}). */
    long nanos();

    /** The real monotonic clock. */
    static Clock system() {
        return System::nanoTime;
    }
}
