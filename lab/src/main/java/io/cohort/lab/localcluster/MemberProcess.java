package io.cohort.lab.localcluster;

import io.cohort.server.control.ControlClient;
import io.cohort.server.control.api.ClusterDocument;
import io.cohort.server.control.api.StatusDocument;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * One running member: a {@code cohort run --config FILE} process inside its namespace, its log
 * and its control socket.
 */
public final class MemberProcess {
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration TERM_GRACE = Duration.ofSeconds(10);

    private final MemberConfiguration configuration;
    private final LocalNamespace namespace;
    private final Process process;
    private final Path log;

    private MemberProcess(MemberConfiguration configuration, LocalNamespace namespace, Process process, Path log) {
        this.configuration = configuration;
        this.namespace = namespace;
        this.process = process;
        this.log = log;
    }

    /** Writes the member's configuration into its home and starts it inside {@code namespace}. */
    static MemberProcess start(MemberConfiguration configuration, LocalNamespace namespace, CohortCommandLine cohort)
            throws IOException {
        Files.createDirectories(configuration.home());
        Path config = Files.writeString(configuration.home().resolve("cohort.ini"), configuration.render());
        Path log = configuration.home().resolve("cohort.log");
        Process process = new ProcessBuilder(namespace.inside(cohort.with(List.of("run", "--config", config.toString()))))
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
        return new MemberProcess(configuration, namespace, process, log);
    }

    public String name() {
        return configuration.name();
    }

    /** The member's own address on the LAN. */
    public String address() {
        return configuration.address();
    }

    public LocalNamespace namespace() {
        return namespace;
    }

    /** The control socket {@code cohort status --socket} and {@code cohort cluster --socket} talk to. */
    public Path controlSocket() {
        return configuration.controlSocket();
    }

    public Path log() {
        return log;
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public long pid() {
        return process.pid();
    }

    MemberConfiguration configuration() {
        return configuration;
    }

    /** Its {@code cohort cluster --json}, or empty while the member does not answer. */
    public Optional<ClusterDocument> cluster() {
        return ask(socket -> ControlClient.cluster(socket, REQUEST_TIMEOUT));
    }

    /** Its {@code cohort status --json}, or empty while the member does not answer. */
    public Optional<StatusDocument> status() {
        return ask(socket -> ControlClient.status(socket, REQUEST_TIMEOUT));
    }

    /** The counter {@code name} of {@link #status()}; 0 if the member does not answer or has not counted it. */
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
            return Optional.of(request.to(configuration.controlSocket()));
        } catch (ControlClient.ControlClientException notAnswering) {
            return Optional.empty();
        }
    }

    /** The last {@code lines} lines of the log, for error messages. */
    public String logTail(int lines) {
        try {
            List<String> all = Files.readAllLines(log);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(log " + log + " unreadable: " + e.getMessage() + ")";
        }
    }

    /** SIGTERM (the member stops and leaves the cluster), SIGKILL if it is still there after a grace period. */
    void stop() {
        terminate();
        awaitGone();
    }

    /** SIGTERM: the member closes its tunnels and leaves the cluster. */
    void terminate() {
        process.destroy();
    }

    /** Waits for the process to end after {@link #terminate()}; SIGKILL after a grace period. */
    void awaitGone() {
        try {
            if (!process.waitFor(TERM_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                process.waitFor(TERM_GRACE.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    /** SIGKILL, and waits until it is gone. */
    void kill() {
        process.destroyForcibly();
        try {
            process.waitFor(TERM_GRACE.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String toString() {
        return "member " + name() + " (" + address() + ", pid " + process.pid() + ")";
    }
}
