package io.cohort.benchmarks.live;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/**
 * CPU time from {@code /proc}: of one process (user + system, all its threads) and of the whole
 * machine (busy and total, for the idle share during a measurement). Ticks are USER_HZ (100 on
 * Linux/x86), so a window of a few seconds has about 1 % resolution.
 */
final class ProcessCpu {
    static final double TICKS_PER_SECOND = 100;

    private ProcessCpu() {
    }

    /** utime + stime of {@code pid}, in seconds. */
    static double processSeconds(long pid) {
        String stat = read(Path.of("/proc", Long.toString(pid), "stat"));
        // the command name (field 2) may contain spaces: count fields after its closing parenthesis
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / TICKS_PER_SECOND;
    }

    /** CPU seconds (user + system) of each thread of {@code pid}, summed by thread name. */
    static Map<String, Double> threadSeconds(long pid) {
        Map<String, Double> byName = new TreeMap<>();
        try (var tasks = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
            for (Path task : tasks.toList()) {
                String stat;
                try {
                    stat = Files.readString(task.resolve("stat"));
                } catch (IOException gone) {
                    continue; // the thread ended meanwhile
                }
                String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')')).replaceAll("[0-9]+$", "#");
                String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                byName.merge(name, (Long.parseLong(f[11]) + Long.parseLong(f[12])) / TICKS_PER_SECOND, Double::sum);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return byName;
    }

    /** The machine's busy and total CPU seconds since boot, summed over CPUs. */
    static Machine machine() {
        String[] f = read(Path.of("/proc/stat")).lines().findFirst().orElseThrow().trim().split("\\s+");
        long total = 0;
        for (int i = 1; i < Math.min(f.length, 9); i++) { // user..steal; guest is inside user
            total += Long.parseLong(f[i]);
        }
        long idle = Long.parseLong(f[4]) + Long.parseLong(f[5]);
        return new Machine((total - idle) / TICKS_PER_SECOND, total / TICKS_PER_SECOND);
    }

    record Machine(double busySeconds, double totalSeconds) {
        /** Busy share of all CPUs between {@code earlier} and this, 0..1. */
        double busySince(Machine earlier) {
            double total = totalSeconds - earlier.totalSeconds;
            return total <= 0 ? 0 : (busySeconds - earlier.busySeconds) / total;
        }
    }

    private static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
