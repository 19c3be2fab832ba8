package io.cohort.time;

/** A scheduled task that has not necessarily run yet. */
public interface Timer {
    /** Cancels the task if it has not run; harmless after it ran or was cancelled. */
    void cancel();

    /** True while the task is scheduled and neither ran nor was cancelled. */
    boolean isPending();

    /** A timer that is never pending: a convenient initial value for fields. */
    Timer NONE = new Timer() {
        @Override public void cancel() { }
        @Override public boolean isPending() { return false; }
    };
}
