package io.cohort.systemtests;

import io.cohort.lab.localcluster.CohortCommandLine;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The packaged {@code cohort} command run as an operator runs it (a process of its own, in the
 * host's namespace: a member's control socket is a file there), its exit code and what it printed.
 */
final class CohortCli {
    private CohortCli() {
    }

    /**
     * One run's end.
     *
     * @param exitCode the process's exit code
     * @param output its standard output and error, interleaved
     */
    record Run(int exitCode, String output) {
    }

    /** Runs {@code cohort arguments} with {@code command}'s java and jar; fails if it outlasts {@code timeout}. */
    static Run run(CohortCommandLine command, Duration timeout, String... arguments) throws InterruptedException {
        Process process;
        try {
            process = new ProcessBuilder(command.with(List.of(arguments))).redirectErrorStream(true)
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run cohort " + String.join(" ", arguments), e);
        }
        try {
            // What it prints is a few lines: well inside the pipe's buffer until it ends.
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("cohort " + String.join(" ", arguments) + " did not end within " + timeout);
            }
            return new Run(process.exitValue(), new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read what cohort " + String.join(" ", arguments) + " printed", e);
        }
    }
}
