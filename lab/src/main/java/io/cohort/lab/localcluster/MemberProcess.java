package io.cohort.lab.localcluster;

import io.cohort.server.control.api.ClusterDocument;
import io.cohort.server.control.api.StatusDocument;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * One running member: its {@link ServerProcess} inside its namespace, with the member's name and
 * address on the LAN.
 */
public final class MemberProcess {
    private final MemberHost host;
    private final ServerProcess server;

    private MemberProcess(MemberHost host, ServerProcess server) {
        this.host = host;
        this.server = server;
    }

    /** Writes the member's configuration into its home and starts it inside its namespace. */
    static MemberProcess start(MemberHost host, CohortCommandLine cohort) throws IOException {
        MemberConfiguration configuration = host.configuration();
        Files.createDirectories(configuration.home());
        Files.writeString(configuration.directory().config(), configuration.render());
        return new MemberProcess(host, ServerProcess.start(host.namespace(), cohort, configuration.directory()));
    }

    public String name() {
        return host.configuration().name();
    }

    /** The member's own address on the LAN. */
    public String address() {
        return host.configuration().address();
    }

    public LocalNamespace namespace() {
        return host.namespace();
    }

    /** The control socket {@code cohort status --socket} and {@code cohort cluster --socket} talk to. */
    public Path controlSocket() {
        return host.configuration().controlSocket();
    }

    /** Its log: every start of this member, one after the other. */
    public Path log() {
        return server.directory().log();
    }

    public boolean isAlive() {
        return server.isAlive();
    }

    /** The member's JVM. */
    public long pid() {
        return server.pid();
    }

    MemberHost host() {
        return host;
    }

    /** Waits until the member has logged that it serves; its exit or the timeout is a {@link LocalClusterException}. */
    public void awaitStarted(Duration timeout) throws InterruptedException {
        server.awaitStarted(timeout);
    }

    /** Its {@code cohort cluster --json}, or empty while the member does not answer. */
    public Optional<ClusterDocument> cluster() {
        return server.cluster();
    }

    /** Its {@code cohort status --json}, or empty while the member does not answer. */
    public Optional<StatusDocument> status() {
        return server.status();
    }

    /** The counter {@code name} of {@link #status()}; 0 if the member does not answer or has not counted it. */
    public long counter(String name) {
        return server.counter(name);
    }

    /** What the member's link to the bridge ({@link ClusterLan#DEVICE}) has counted. */
    public LinkCounters linkCounters() {
        return host.namespace().linkCounters(ClusterLan.DEVICE);
    }

    /** The last {@code lines} lines this start logged, for error messages. */
    public String logTail(int lines) {
        return server.logTail(lines);
    }

    /** SIGTERM (the member stops and leaves the cluster), SIGKILL if it is still there after a grace period. */
    void stop() {
        server.close();
    }

    /** SIGTERM: the member closes its tunnels and leaves the cluster. */
    void terminate() {
        server.terminate();
    }

    /** Waits for the process to end after {@link #terminate()}; SIGKILL after a grace period. */
    void awaitGone() {
        server.awaitGone();
    }

    /** SIGKILL, and waits until it is gone. */
    void kill() {
        server.kill();
    }

    @Override
    public String toString() {
        return "member " + name() + " (" + address() + ", pid " + server.pid() + ")";
    }
}
