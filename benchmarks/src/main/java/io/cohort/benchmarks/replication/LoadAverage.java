package io.cohort.benchmarks.replication;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The host's 1-minute load average as {@code /proc/loadavg} gives it: printed next to each figure (a shared machine). */
final class LoadAverage {
    private LoadAverage() {
    }

    static String now() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
