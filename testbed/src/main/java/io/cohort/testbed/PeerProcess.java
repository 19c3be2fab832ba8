package io.cohort.testbed;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A background process (xl2tpd, tcpdump, a server under test…) started inside a namespace with
 * stdout and stderr appended to a log file. {@link #close()} kills its whole process tree: TERM
 * first, KILL for whatever is left after a grace period.
 */
public final class PeerProcess implements AutoCloseable {
    private static final Duration POLL_INTERVAL = Duration.ofMillis(20);
    private static final Duration TERM_GRACE = Duration.ofSeconds(3);

    private final String description;
    private final Process process;
    private final Path logFile;

    private PeerProcess(String description, Process process, Path logFile) {
        this.description = description;
        this.process = process;
        this.logFile = logFile;
    }

    /** Starts {@code argv} as is (callers prefix {@code ip netns exec NS}), logging to {@code logFile}. */
    static PeerProcess start(List<String> argv, Path logFile) {
        try {
            Files.createDirectories(logFile.toAbsolutePath().getParent());
            Process process = new ProcessBuilder(argv).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
            return new PeerProcess(String.join(" ", argv), process, logFile);
        } catch (IOException e) {
            throw new TestbedException("cannot start " + String.join(" ", argv) + ": " + e.getMessage(), e);
        }
    }

    public long pid() {
        return process.pid();
    }

    public Path logFile() {
        return logFile;
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** The exit status if the process has ended. */
    public Optional<Integer> exitCode() {
        return process.isAlive() ? Optional.empty() : Optional.of(process.exitValue());
    }

    /** The log written so far (stdout and stderr merged). */
    public String log() {
        try {
            return Files.exists(logFile) ? Files.readString(logFile, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            throw new TestbedException("cannot read log " + logFile + " of " + description, e);
        }
    }

    /**
     * Polls the log until a line matches {@code pattern} (with {@link Matcher#find()}) and returns
     * that line. Fails with the log's contents if the deadline passes or the process exits first.
     * Polling is the only way to see the line: the process writes straight into the file (no pipe
     * through this JVM whose reader could signal it), and the pause between scans ends early when
     * the process exits.
     */
    public String awaitLogLine(Pattern pattern, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            boolean exitedBeforeScan = !process.isAlive();
            Optional<String> line = log().lines().filter(l -> pattern.matcher(l).find()).findFirst();
            if (line.isPresent()) {
                return line.get();
            }
            if (exitedBeforeScan) {
                throw new TestbedException(description + " exited with " + process.exitValue()
                        + " before logging /" + pattern + "/; log:\n" + log());
            }
            if (System.nanoTime() - deadline > 0) {
                throw new TestbedException("no line matching /" + pattern + "/ from " + description
                        + " within " + timeout + "; log:\n" + log());
            }
            try {
                process.waitFor(POLL_INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new TestbedException("interrupted while waiting for /" + pattern + "/ from " + description, e);
            }
        }
    }

    /** Waits up to {@code timeout} for the process to exit by itself and returns its status. */
    public int awaitExit(Duration timeout) {
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new TestbedException(description + " still running after " + timeout + "; log:\n" + log());
            }
            return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TestbedException("interrupted while waiting for " + description + " to exit", e);
        }
    }

    /** Kills the process and all its descendants; waits until they are gone. Idempotent. */
    @Override
    public void close() {
        List<ProcessHandle> tree = new ArrayList<>(process.descendants().toList());
        tree.addFirst(process.toHandle());
        tree.forEach(ProcessHandle::destroy);
        if (!awaitGone(tree, TERM_GRACE)) {
            tree.forEach(ProcessHandle::destroyForcibly);
            if (!awaitGone(tree, TERM_GRACE)) {
                throw new TestbedException("processes of " + description + " survived SIGKILL: "
                        + tree.stream().filter(PeerProcess::running).map(ProcessHandle::pid).toList());
            }
        }
        // A dead child counts as gone above while still a zombie; wait until the JDK has reaped
        // it, so that isAlive() and exit status agree with what close() promises.
        try {
            process.waitFor(TERM_GRACE.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Polls until none is running (a zombie waiting for a slow init to reap it counts as gone).
     * {@link ProcessHandle#onExit()} is no substitute: for a process that is not our child it
     * completes only once the process is reaped, and it is itself a poll inside the JDK.
     */
    private static boolean awaitGone(List<ProcessHandle> tree, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (tree.stream().anyMatch(PeerProcess::running)) {
            if (System.nanoTime() - deadline > 0) {
                return false;
            }
            LockSupport.parkNanos(POLL_INTERVAL.toNanos());
        }
        return true;
    }

    /** Alive and not a zombie (this host's init reaps orphans only every second or so). */
    static boolean running(ProcessHandle handle) {
        if (!handle.isAlive()) {
            return false;
        }
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(handle.pid()), "stat"));
            char state = stat.charAt(stat.lastIndexOf(')') + 2);
            return state != 'Z' && state != 'X';
        } catch (IOException | RuntimeException e) {
            return handle.isAlive();
        }
    }

    @Override
    public String toString() {
        return "PeerProcess[" + process.pid() + " " + description + "]";
    }
}
