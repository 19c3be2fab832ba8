package io.cohort.lab.localcluster;

import io.cohort.server.control.ControlClient;
import io.cohort.server.control.api.ClusterDocument;
import io.cohort.server.control.api.StatusDocument;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * One server the lab started: a {@code cohort run --config FILE} process inside a network
 * namespace, with its {@link ServerDirectory} (configuration, control socket, log). The members of
 * a {@link LocalCluster} are such processes; benchmarks and system tests start single ones. What
 * the server says is read through its control socket as the control API's documents, never from
 * its output; the log is read only to see that it has started ({@link #awaitStarted}). A server
 * never outlives the JVM that started it: a shutdown (Ctrl-C) sends it SIGTERM.
 */
public final class ServerProcess implements AutoCloseable {
    /** The line {@code cohort run} logs once it serves. */
    private static final Pattern STARTED = Pattern.compile("INFO .*cohort started: ");
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration TERM_GRACE = Duration.ofSeconds(10);
    private static final Duration LOG_POLL = Duration.ofMillis(20);
    private static final int LOG_TAIL = 40;

    private final Process process;
    private final ServerDirectory directory;
    /** Where this start's output begins in the log (earlier starts of the same server come before). */
    private final long logOffset;
    private final Thread shutdownHook;

    private ServerProcess(Process process, ServerDirectory directory, long logOffset) {
        this.process = process;
        this.directory = directory;
        this.logOffset = logOffset;
        this.shutdownHook = Thread.ofPlatform().name("server-process-teardown").unstarted(process::destroy);
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /**
     * Starts {@code cohort run --config} with the configuration in {@code directory} inside
     * {@code namespace}; its output is appended to the directory's log. Does not wait for it to
     * serve ({@link #awaitStarted}).
     */
    public static ServerProcess start(LocalNamespace namespace, CohortCommandLine cohort, ServerDirectory directory)
            throws IOException {
        long offset = Files.exists(directory.log()) ? Files.size(directory.log()) : 0;
        Process process = new ProcessBuilder(namespace.inside(cohort.with(List.of("run", "--config",
                directory.config().toString()))))
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(directory.log().toFile()))
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
        return new ServerProcess(process, directory, offset);
    }

    public ServerDirectory directory() {
        return directory;
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** The server's JVM ({@code ip netns exec} execs it in place). */
    public long pid() {
        return process.pid();
    }

    /** Waits until the server has logged that it serves; its exit or the timeout is a {@link LocalClusterException}. */
    public void awaitStarted(Duration timeout) throws InterruptedException {
        awaitLogLine(STARTED, timeout);
    }

    /**
     * Waits until a line this start logged matches {@code pattern} ({@link java.util.regex.Matcher#find()})
     * and returns it; the server's exit or the timeout is a {@link LocalClusterException} with the log's end.
     */
    public String awaitLogLine(Pattern pattern, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            boolean exitedBeforeReading = !process.isAlive();
            Optional<String> line = log().lines().filter(l -> pattern.matcher(l).find()).findFirst();
            if (line.isPresent()) {
                return line.get();
            }
            if (exitedBeforeReading) {
                throw new LocalClusterException(this + " exited with " + process.exitValue() + " before logging /"
                        + pattern + "/; its log ends:\n" + logTail(LOG_TAIL));
            }
            if (System.nanoTime() - deadline > 0) {
                throw new LocalClusterException(this + " logged no line matching /" + pattern + "/ within " + timeout
                        + "; its log ends:\n" + logTail(LOG_TAIL));
            }
            process.waitFor(LOG_POLL.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /** What this start has logged so far (stdout and stderr). */
    public String log() {
        try {
            byte[] all = Files.readAllBytes(directory.log());
            return new String(Arrays.copyOfRange(all, (int) Math.min(logOffset, all.length), all.length),
                    StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(log " + directory.log() + " unreadable: " + e.getMessage() + ")";
        }
    }

    /** The last {@code lines} lines of {@link #log()}, for error messages. */
    public String logTail(int lines) {
        List<String> all = log().lines().toList();
        return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    }

    /** Its {@code cohort status --json}, or empty while the server does not answer. */
    public Optional<StatusDocument> status() {
        return ask(socket -> ControlClient.status(socket, REQUEST_TIMEOUT));
    }

    /** Its {@code cohort cluster --json}, or empty while the server does not answer. */
    public Optional<ClusterDocument> cluster() {
        return ask(socket -> ControlClient.cluster(socket, REQUEST_TIMEOUT));
    }

    /** The counter {@code name} of {@link #status()}; 0 if the server does not answer or has not counted it. */
    public long counter(String name) {
        return status().map(s -> s.counter(name)).orElse(0L);
    }

    /** A request to the control socket. */
    private interface Request<T> {
        T to(Path socket) throws ControlClient.ControlClientException;
    }

    private <T> Optional<T> ask(Request<T> request) {
        if (!process.isAlive()) {
            return Optional.empty();
        }
        try {
            return Optional.of(request.to(directory.controlSocket()));
        } catch (ControlClient.ControlClientException notAnswering) {
            return Optional.empty();
        }
    }

    /** SIGTERM: the server closes its tunnels (and leaves its cluster). */
    public void terminate() {
        process.destroy();
    }

    /** Waits for the process to end after {@link #terminate()}; SIGKILL after a grace period. */
    public void awaitGone() {
        try {
            if (!process.waitFor(TERM_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                process.waitFor(TERM_GRACE.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
        forgetShutdownHook();
    }

    /** SIGKILL (as if its host failed), and waits until it is gone. */
    public void kill() {
        process.destroyForcibly();
        try {
            process.waitFor(TERM_GRACE.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        forgetShutdownHook();
    }

    private void forgetShutdownHook() {
        if (process.isAlive()) {
            return; // still there: the hook stays
        }
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException shuttingDown) {
            // the hook runs (or ran) process.destroy(), harmless on an ended process
        }
    }

    /** {@link #terminate()} and {@link #awaitGone()}. */
    @Override
    public void close() {
        terminate();
        awaitGone();
    }

    @Override
    public String toString() {
        return "cohort run in " + directory.path() + " (pid " + process.pid() + ")";
    }
}
