package io.cohort.lab.localcluster;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One short host command ({@code ip netns add}, {@code ip link ...}) run to completion with a time
 * limit; stdout and stderr merged. The local cluster's only way of changing the host's networking.
 */
final class HostCommand {
    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    private HostCommand() {
    }

    /** The command's output; a non-zero exit, a failure to start or a timeout is a {@link LocalClusterException}. */
    static String runOrThrow(List<String> argv) {
        Result r = run(argv);
        if (r.exit() != 0) {
            throw new LocalClusterException(String.join(" ", argv) + " failed (exit " + r.exit() + "): "
                    + r.output().strip());
        }
        return r.output();
    }

    /** Exit status and output, whatever the status. */
    static Result run(List<String> argv) {
        Process process;
        try {
            process = new ProcessBuilder(argv).redirectErrorStream(true)
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
        } catch (IOException e) {
            throw new LocalClusterException("cannot run " + String.join(" ", argv) + ": " + e.getMessage(), e);
        }
        CompletableFuture<String> output = CompletableFuture.supplyAsync(() -> readAll(process.getInputStream()),
                task -> Thread.ofPlatform().daemon().name("host-command-output").start(task));
        try {
            if (!process.waitFor(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new LocalClusterException(String.join(" ", argv) + " did not finish within " + TIMEOUT);
            }
            return new Result(process.exitValue(), output.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            throw new LocalClusterException("interrupted while running " + String.join(" ", argv), e);
        } catch (ExecutionException | TimeoutException e) {
            throw new LocalClusterException("cannot read the output of " + String.join(" ", argv), e);
        }
    }

    /** How a command ended. */
    record Result(int exit, String output) {
    }

    private static String readAll(InputStream in) {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(output unreadable: " + e.getMessage() + ")";
        }
    }
}
