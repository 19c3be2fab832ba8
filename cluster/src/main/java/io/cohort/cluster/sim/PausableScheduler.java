package io.cohort.cluster.sim;

import io.cohort.time.Scheduler;
import io.cohort.time.Timer;
import io.cohort.time.VirtualScheduler;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * One simulated process's view of the shared {@link VirtualScheduler}, which can be paused as a
 * process is by SIGSTOP, a long garbage collection or a starved CPU: the clock goes on, but the
 * process's tasks that fall due meanwhile run only after {@link #resume}, late and in their order.
 * They run at the next step of the shared clock, so that whatever the process reads first on
 * resuming (its socket's backlog: {@link SimCluster#resume}) comes before its overdue timers, the
 * worst order for it.
 */
final class PausableScheduler implements Scheduler {
    private final VirtualScheduler clock;
    private final List<Task> overdue = new ArrayList<>();
    private boolean paused;

    PausableScheduler(VirtualScheduler clock) {
        this.clock = clock;
    }

    @Override
    public long nanos() {
        return clock.nanos();
    }

    @Override
    public Timer schedule(Duration delay, Runnable task) {
        Task t = new Task(task);
        t.inner = clock.schedule(delay, () -> {
            if (paused) {
                overdue.add(t);
            } else {
                t.run();
            }
        });
        return t;
    }

    void pause() {
        paused = true;
    }

    boolean paused() {
        return paused;
    }

    /** Runs, at the shared clock's next step and in their order, the tasks that fell due while paused. */
    void resume() {
        paused = false;
        List<Task> due = List.copyOf(overdue);
        overdue.clear();
        for (Task t : due) {
            clock.schedule(Duration.ZERO, t::run);
        }
    }

    private static final class Task implements Timer {
        final Runnable body;
        Timer inner = Timer.NONE;
        boolean cancelled;
        boolean ran;

        Task(Runnable body) {
            this.body = body;
        }

        void run() {
            if (!cancelled && !ran) {
                ran = true;
                body.run();
            }
        }

        @Override
        public void cancel() {
            cancelled = true;
            inner.cancel();
        }

        @Override
        public boolean isPending() {
            return !cancelled && !ran;
        }
    }
}
