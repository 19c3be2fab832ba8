package io.cohort.benchmarks.replication;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/**
 * The calling thread's CPU time: on a machine shared with other jobs, wall-clock time counts the
 * time other processes held the core; CPU time does not (the GC's own threads are not counted
 * either).
 */
final class ThreadCpu {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private ThreadCpu() {
    }

    static long nanos() {
        return THREADS.getCurrentThreadCpuTime();
    }
}
