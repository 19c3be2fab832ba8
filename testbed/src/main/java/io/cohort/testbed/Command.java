package io.cohort.testbed;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Runs a host command to completion with a time limit, capturing its merged output. */
public final class Command {
    /** The limit used when callers give none; iproute2 commands take milliseconds. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

    private Command() {
    }

    public static CommandResult run(String... argv) {
        return run(DEFAULT_TIMEOUT, List.of(argv));
    }

    /**
     * Runs {@code argv}; a command still running after {@code timeout} is killed (with its
     * children) and reported as a {@link TestbedException}.
     */
    public static CommandResult run(Duration timeout, List<String> argv) {
        Process process;
        try {
            process = new ProcessBuilder(argv).redirectErrorStream(true)
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
        } catch (IOException e) {
            throw new TestbedException("cannot start " + String.join(" ", argv) + ": " + e.getMessage(), e);
        }
        CompletableFuture<String> output = CompletableFuture.supplyAsync(() -> readAll(process.getInputStream()),
                runnable -> Thread.ofPlatform().daemon().name("testbed-output").start(runnable));
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                throw new TestbedException("command " + String.join(" ", argv) + " did not finish within " + timeout);
            }
            return new CommandResult(argv, process.exitValue(), output.get(timeout.toMillis(), TimeUnit.MILLISECONDS));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            throw new TestbedException("interrupted while running " + String.join(" ", argv), e);
        } catch (ExecutionException | TimeoutException e) {
            throw new TestbedException("cannot read the output of " + String.join(" ", argv), e);
        }
    }

    private static String readAll(InputStream in) {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new TestbedException("cannot read command output", e);
        }
    }
}
