package io.cohort.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import io.cohort.lab.localcluster.ClientProcess;
import io.cohort.lab.localcluster.ClusterSnapshot;
import io.cohort.lab.localcluster.InsideLan;
import io.cohort.lab.localcluster.LocalCluster;
import io.cohort.lab.localcluster.LocalNamespace;
import io.cohort.steering.SteeringMode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Traffic from a host behind the cluster follows a session that is taken over (patent, figure 7):
 * a three-member {@link LocalCluster} with an inside LAN ({@link InsideLan}) whose host routes
 * every pool onto that LAN without a gateway, so that it reaches a client only through the member
 * that answers ARP for the client's address. The built-in clients ping that host through their
 * L2TP sessions and PPTP calls every 100 ms; the member serving the most of them is killed with
 * SIGKILL, then started again (units move back to it). Each time no session goes silent: the
 * host's replies reach the session's new owner (its proxy ARP entry and gratuitous ARP), and the
 * traffic gaps are printed.
 */
class InsideHostFailoverIT {
    private static final int L2TP_SESSIONS = Integer.getInteger("cohort.it.failover.l2tp", 12);
    private static final int PPTP_SESSIONS = Integer.getInteger("cohort.it.failover.pptp", 12);

    /** {@code unicast}, or the modes of {@code -Dcohort.it.steering=...}. */
    static List<String> modes() {
        return LocalClusters.chosenModes(SteeringMode.UNICAST.configName());
    }

    @BeforeEach
    void preconditions() {
        LocalClusters.assumeRunnable();
    }

    @ParameterizedTest
    @MethodSource("modes")
    void theHostBehindTheClusterStillReachesEverySessionAfterItsMemberDiesAndRestarts(String mode) throws Exception {
        SessionLossCheck sessions = new SessionLossCheck("InsideHostFailoverIT", mode, L2TP_SESSIONS, PPTP_SESSIONS);
        try (LocalCluster cluster = LocalCluster.start(LocalClusters.settings(3, mode).withInsideLan())) {
            cluster.awaitFormed();
            ClientProcess clients = sessions.startClients(cluster, Optional.of(InsideLan.DEFAULT.hostAddress()));
            ClusterSnapshot before = cluster.snapshot();
            String victim = LocalClusters.busiestNonMaster(before);
            System.out.printf("InsideHostFailoverIT %s: before the kill (%s serves %d sessions); the host's neighbours:%n%s%n%s",
                    mode, victim, LocalClusters.sessionsUp(before, victim), neighbours(cluster), before.render());
            assertThat(LocalClusters.sessionsUp(before, victim)).as(before.render()).isPositive();
            LocalClusters.awaitReplicated(cluster, victim, 2, SessionLossCheck.REPLICATED);

            // Every session's pings to the inside host must keep being answered: the new owners answer ARP.
            sessions.checkFromNow(cluster, clients, victim + " killed", 2, s -> !s.names().contains(victim),
                    () -> cluster.killMember(victim), () -> "the host's neighbours:\n" + neighbours(cluster) + "\n");

            // It restarts (its stale proxy entries removed) and units come back to it.
            sessions.checkFromNow(cluster, clients, victim + " restarted", 3, s -> true, () -> {
                cluster.startMember(victim);
                LocalClusters.await(victim + " owning units again", cluster::snapshot,
                        s -> s.names().contains(victim) && s.units(victim) > 0, SessionLossCheck.REASSIGNED);
            }, () -> "the host's neighbours:\n" + neighbours(cluster) + "\n");
        }
    }

    /** {@code ip neigh show} in the inside host's namespace: which MAC it uses for each client. */
    private static String neighbours(LocalCluster cluster) {
        LocalNamespace host = cluster.insideHost().orElseThrow();
        try {
            Process p = new ProcessBuilder(host.inside(List.of("ip", "neigh", "show", "dev", InsideLan.DEVICE)))
                    .redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            p.waitFor();
            return out.strip();
        } catch (IOException e) {
            return "(ip neigh show failed: " + e.getMessage() + ")";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "(interrupted)";
        }
    }
}
