package io.cohort.lab.demo;

import io.cohort.lab.localcluster.ClientProcess;
import io.cohort.lab.localcluster.ClusterSnapshot;
import io.cohort.lab.localcluster.LocalCluster;
import io.cohort.lab.localcluster.LocalClusterSettings;
import io.cohort.lab.localcluster.MemberProcess;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * What {@code cohort run --demo} shows: a {@link LocalCluster} of N members in network
 * namespaces, built-in clients of both protocols connected from the client namespace to the
 * cluster IP, and the cluster view (members, master, units and sessions per member). Then it
 * serves until Ctrl-C, which tears everything down.
 */
public final class LocalClusterDemo {
    /** Sessions of each protocol per member, so that every member can get some. */
    private static final int SESSIONS_PER_MEMBER = 4;
    private static final int PER_TUNNEL = 2;
    private static final Duration CLIENTS_READY = Duration.ofSeconds(90);

    private final LocalClusterSettings settings;
    private final PrintStream out;

    public LocalClusterDemo(LocalClusterSettings settings, PrintStream out) {
        this.settings = settings;
        this.out = out;
    }

    /**
     * Starts the cluster and the clients, prints the view and returns the running cluster (the
     * caller closes it, or the JVM's shutdown on Ctrl-C does).
     */
    public LocalCluster start() throws InterruptedException {
        out.printf(Locale.ROOT, "demo: starting a local cluster of %d member%s in network namespaces (steering: %s)%n",
                settings.members(), settings.members() == 1 ? "" : "s", settings.steeringName());
        out.flush();
        long start = System.nanoTime();
        LocalCluster cluster = LocalCluster.start(settings);
        try {
            out.printf(Locale.ROOT, "demo: cluster formed in %.1f s (work units %s); members: %s; clients connect to %s%n",
                    (System.nanoTime() - start) / 1e9, settings.unitsOnDemand() ? "assigned on demand, as sessions come"
                            : "all assigned", cluster.members().stream().map(m -> m.name() + " " + m.address())
                            .toList(), String.join(", ", cluster.serviceAddresses()));
            int sessions = SESSIONS_PER_MEMBER * settings.members();
            out.printf("demo: connecting %d L2TP and %d PPTP sessions from the client namespace as user '%s'%n", sessions,
                    sessions, cluster.user().name());
            out.flush();
            ClientProcess clients = cluster.startClients(new ClientProcess.Load(sessions, sessions, PER_TUNNEL, List.of()),
                    line -> {
                        out.println("  " + line);
                        out.flush();
                    });
            clients.awaitReady(CLIENTS_READY);
            ClusterSnapshot snapshot = cluster.snapshot();
            out.println();
            out.print(snapshot.render());
            out.println();
            out.println("demo: look into a member (from another terminal, as root):");
            for (MemberProcess m : cluster.members()) {
                out.println("  " + m.name() + ":  bin/cohort status --socket " + m.controlSocket()
                        + "   bin/cohort cluster --socket " + m.controlSocket());
            }
            out.println("demo: logs and configurations under " + cluster.workDirectory());
            out.println("demo: serving; press Ctrl-C to stop (members, clients, namespaces and files go with it)");
            out.flush();
            return cluster;
        } catch (RuntimeException | InterruptedException e) {
            cluster.close();
            throw e;
        }
    }
}
