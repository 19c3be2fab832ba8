package io.cohort.systemtests;

import io.cohort.lab.localcluster.CohortCommandLine;
import io.cohort.lab.localcluster.LocalNamespace;
import io.cohort.lab.localcluster.ServerDirectory;
import io.cohort.lab.localcluster.ServerProcess;
import io.cohort.server.control.api.ControlJson;
import io.cohort.server.control.api.StatusDocument;
import io.cohort.testbed.Netns;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The packaged server ({@code cohort run}) as a process inside a test namespace: the lab's
 * {@link ServerProcess}. Its configuration, users file and control socket live in a directory of
 * the test's own, so tests do not collide; its log goes beside the testbed's peer logs
 * ({@code target/testbed-logs}), kept after the test. {@link #close()} stops it with SIGTERM.
 */
final class CohortProcess implements AutoCloseable {
    static final Path JAVA = Path.of("/usr/lib/jvm/temurin-25-jdk-amd64/bin/java");
    private static final Path LOGS = Path.of("target", "testbed-logs").toAbsolutePath();
    private static final Duration START = Duration.ofSeconds(30);

    private final ServerProcess server;

    private CohortProcess(ServerProcess server) {
        this.server = server;
    }

    /** The cohort jar: {@code -Dcohort.server.jar}, else cli/target next to this module. */
    static Path jar() {
        String configured = System.getProperty("cohort.server.jar");
        return configured != null ? Path.of(configured)
                : Path.of("..", "cli", "target", "cohort.jar").toAbsolutePath().normalize();
    }

    /**
     * Writes {@code cohort.ini} (the given sections plus {@code [users]} and {@code [control]} in
     * {@code dir}) and the users file, starts the server in {@code ns} and waits until it says it
     * has started.
     */
    static CohortProcess start(Netns ns, Path dir, String iniSections, String usersFile) {
        ServerProcess server;
        try {
            ServerDirectory files = new ServerDirectory(dir, LOGS.resolve(ns.name() + "-cohort.log"))
                    .write(iniSections, usersFile);
            server = ServerProcess.start(new LocalNamespace(ns.name()), CohortCommandLine.ofJar(JAVA, jar(), List.of()),
                    files);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            server.awaitStarted(START);
            return new CohortProcess(server);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            server.close();
            throw new AssertionError("interrupted while the server started", e);
        } catch (RuntimeException e) {
            server.close();
            throw e;
        }
    }

    String log() {
        return server.log();
    }

    String awaitLogLine(Pattern pattern, Duration timeout) {
        try {
            return server.awaitLogLine(pattern, timeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting for /" + pattern + "/", e);
        }
    }

    /** The server's {@code status --json} through its control socket. */
    StatusDocument status() {
        return server.status().orElseThrow(() -> new AssertionError("the server does not answer on its control "
                + "socket; its log:\n" + log()));
    }

    /** {@link #status()} as JSON, for assertion messages. */
    String statusJson() {
        return ControlJson.write(status());
    }

    /** A counter's value from {@link #status()}, 0 if it is not there. */
    long counter(String name) {
        return status().counter(name);
    }

    /** SIGKILL, as if the host failed: not a datagram more goes out, all state is lost. */
    void kill() {
        server.kill();
    }

    @Override
    public void close() {
        server.close();
    }
}
