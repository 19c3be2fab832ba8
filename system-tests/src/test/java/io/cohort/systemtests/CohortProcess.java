package io.cohort.systemtests;

import io.cohort.server.control.api.ControlJson;
import io.cohort.server.control.api.StatusDocument;
import io.cohort.testbed.Netns;
import io.cohort.testbed.PeerProcess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Pattern;

/**
 * The packaged server ({@code cohort run}) as a process inside a test namespace. Its configuration,
 * users file and control socket live in a directory of the test's own, so tests do not collide.
 * {@link #close()} stops it with SIGTERM (the network would kill it at the latest).
 */
final class CohortProcess implements AutoCloseable {
    static final Path JAVA = Path.of("/usr/lib/jvm/temurin-25-jdk-amd64/bin/java");
    private static final Pattern STARTED = Pattern.compile("INFO .*cohort started: ");

    private final PeerProcess process;
    private final Path socket;

    private CohortProcess(PeerProcess process, Path socket) {
        this.process = process;
        this.socket = socket;
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
        try {
            Path users = Files.writeString(dir.resolve("users"), usersFile);
            Path socket = dir.resolve("control.sock");
            Path ini = Files.writeString(dir.resolve("cohort.ini"), iniSections + """

                    [users]
                    file = %s

                    [control]
                    socket = %s
                    """.formatted(users, socket));
            PeerProcess process = ns.startProcess(JAVA.toString(), "--enable-native-access=ALL-UNNAMED", "-jar",
                    jar().toString(), "run", "--config", ini.toString());
            process.awaitLogLine(STARTED, Duration.ofSeconds(30));
            return new CohortProcess(process, socket);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String log() {
        return process.log();
    }

    String awaitLogLine(Pattern pattern, Duration timeout) {
        return process.awaitLogLine(pattern, timeout);
    }

    /** {@code cohort status --json} against this server's control socket. */
    String statusJson() {
        try {
            Process status = new ProcessBuilder(JAVA.toString(), "--enable-native-access=ALL-UNNAMED", "-jar",
                    jar().toString(), "status", "--json", "--socket", socket.toString())
                    .redirectErrorStream(true).start();
            String out = new String(status.getInputStream().readAllBytes());
            if (status.waitFor() != 0) {
                throw new AssertionError("cohort status failed: " + out);
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** {@link #statusJson()}, read as the control API's document. */
    StatusDocument status() {
        return ControlJson.read(statusJson(), StatusDocument.class);
    }

    /** A counter's value from {@code cohort status --json}, 0 if it is not there. */
    long counter(String name) {
        return status().counter(name);
    }

    @Override
    public void close() {
        process.close();
    }
}
