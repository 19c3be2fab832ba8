package io.cohort.testbed.guest;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs a short host command to completion ({@code ip …}, the image build script) and returns its
 * output; anything other than exit status 0 within the time limit is a {@link GuestException}.
 */
public record HostCommand(List<String> argv, Duration timeout) {

  public HostCommand {
    argv = List.copyOf(argv);
    if (argv.isEmpty()) {
      throw new IllegalArgumentException("empty command");
    }
  }

  /** Runs {@code argv} with a 30 s limit and returns its standard output and error, merged. */
  public static String run(String... argv) {
    return new HostCommand(List.of(argv), Duration.ofSeconds(30)).run();
  }

  /** Whether {@code argv} exits with status 0 within 30 s; its output is discarded. */
  public static boolean succeeds(String... argv) {
    return new HostCommand(List.of(argv), Duration.ofSeconds(30)).exitStatus() == 0;
  }

  /** Runs the command and returns its merged output, or throws if it fails. */
  public String run() {
    Outcome outcome = execute();
    if (outcome.status() != 0) {
      throw new GuestException(
          String.join(" ", argv) + " exited with " + outcome.status() + ": " + outcome.output().strip());
    }
    return outcome.output();
  }

  /** Runs the command and returns its exit status. */
  public int exitStatus() {
    return execute().status();
  }

  private Outcome execute() {
    Process process;
    try {
      process = new ProcessBuilder(argv).redirectErrorStream(true)
          .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
    } catch (IOException e) {
      throw new GuestException("cannot start " + argv.getFirst(), e);
    }
    // Read on another thread so that a command which never ends cannot hold us past the limit.
    CompletableFuture<String> output = CompletableFuture.supplyAsync(() -> {
      try (var in = process.getInputStream()) {
        return new String(in.readAllBytes(), StandardCharsets.UTF_8);
      } catch (IOException e) {
        return "(output unreadable: " + e.getMessage() + ")";
      }
    }, Executors.newVirtualThreadPerTaskExecutor());
    try {
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly().waitFor();
        throw new GuestException(String.join(" ", argv) + " did not finish within " + timeout);
      }
      return new Outcome(process.exitValue(), output.get(5, TimeUnit.SECONDS));
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new GuestException("interrupted while running " + argv.getFirst(), e);
    } catch (ExecutionException | TimeoutException e) {
      throw new GuestException("cannot read the output of " + argv.getFirst(), e);
    }
  }

  private record Outcome(int status, String output) {}
}
