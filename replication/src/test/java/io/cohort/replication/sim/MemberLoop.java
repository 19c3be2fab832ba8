package io.cohort.replication.sim;

import io.cohort.time.Scheduler;
import io.cohort.time.Timer;
import java.time.Duration;

/**
 * One simulated member process's event loop for what runs beside its cluster node (replication
 * and sessions): its tasks run on the node's pausable scheduler, so they stall while the process
 * is stopped, and never after the process died.
 */
final class MemberLoop {
    private final Scheduler scheduler;
    private boolean dead;

    MemberLoop(Scheduler scheduler) {
        this.scheduler = scheduler;
    }

    long nanos() {
        return scheduler.nanos();
    }

    Timer schedule(Duration delay, Runnable task) {
        return scheduler.schedule(delay, () -> {
            if (!dead) {
                task.run();
            }
        });
    }

    /** Runs {@code task} on this loop at once or, if the process is stopped, once it runs again. */
    void execute(Runnable task) {
        schedule(Duration.ZERO, task);
    }

    /** The process died: nothing of it runs any more. */
    void kill() {
        dead = true;
    }

    boolean dead() {
        return dead;
    }
}
