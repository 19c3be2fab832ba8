package io.cohort.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import io.cohort.lab.localcluster.ClientProcess;
import io.cohort.lab.localcluster.ClusterSnapshot;
import io.cohort.lab.localcluster.InsideLan;
import io.cohort.lab.localcluster.LocalCluster;
import io.cohort.lab.localcluster.LocalNamespace;
import io.cohort.server.control.api.ClusterDocument;
import io.cohort.steering.SteeringMode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
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
    private static final Duration READY = Duration.ofSeconds(90);
    private static final Duration REASSIGNED = Duration.ofSeconds(15);
    private static final Duration REPLICATED = Duration.ofSeconds(10);
    private static final Duration WATCH_INTERVAL = Duration.ofMillis(100);
    /** After the units are owned again, how long the sessions get to answer before the gaps are read. */
    private static final Duration SETTLE = Duration.ofSeconds(4);
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
        try (LocalCluster cluster = LocalCluster.start(LocalClusters.settings(3, mode).withInsideLan())) {
            cluster.awaitFormed();
            String host = InsideLan.DEFAULT.hostAddress();
            ClientProcess clients = cluster.startClients(
                    new ClientProcess.Load(L2TP_SESSIONS, PPTP_SESSIONS, 1, List.of(), 0, WATCH_INTERVAL).pinging(host),
                    line -> System.out.println("  " + line));
            ClientProcess.ClientReport ready = clients.awaitReady(READY);
            assertThat(ready.l2tpAnswering()).as(clients.output()).isEqualTo(L2TP_SESSIONS);
            assertThat(ready.pptpAnswering()).as(clients.output()).isEqualTo(PPTP_SESSIONS);
            ClusterSnapshot before = cluster.snapshot();
            String master = before.formedMaster().orElseThrow();
            String victim = before.names().stream().filter(n -> !n.equals(master))
                    .max(Comparator.comparingLong(n -> sessionsUp(before, n))).orElseThrow();
            System.out.printf("InsideHostFailoverIT %s: before the kill (%s serves %d sessions); the host's neighbours:%n%s%n%s",
                    mode, victim, sessionsUp(before, victim), neighbours(cluster), before.render());
            assertThat(sessionsUp(before, victim)).as(before.render()).isPositive();
            awaitReplicated(cluster, victim);

            check(cluster, clients, mode, victim + " killed", 2, () -> cluster.killMember(victim));

            // It restarts (its stale proxy entries removed) and units come back to it.
            check(cluster, clients, mode, victim + " restarted", 3, () -> {
                cluster.startMember(victim);
                LocalClusters.await(victim + " owning units again", cluster::snapshot,
                        s -> s.names().contains(victim) && s.units(victim) > 0, REASSIGNED);
            });
        }
    }

    /** Something done to the cluster, checked for lost sessions. */
    @FunctionalInterface
    private interface Event {
        void happen() throws InterruptedException;
    }

    /** Waits until {@code member} published state and both other members are caught up. */
    private static void awaitReplicated(LocalCluster cluster, String member) {
        LocalClusters.await(member + "'s state sent to both other members", cluster::snapshot,
                s -> s.member(member).flatMap(ClusterSnapshot.Member::view).flatMap(ClusterDocument::replication)
                        .filter(r -> r.ownKeys() > 0 && r.peers().size() == 2 && r.caughtUp()).isPresent(),
                REPLICATED);
    }

    /**
     * Makes {@code event} happen, waits until the {@code members} members left own every unit and
     * the sessions had {@link #SETTLE} to answer, prints the gaps and the host's neighbour table,
     * and checks that every session still reaches the host.
     */
    private static void check(LocalCluster cluster, ClientProcess clients, String mode, String what, int members,
                              Event event) throws InterruptedException {
        clients.watch(Duration.ofSeconds(5));
        event.happen();
        LocalClusters.await("every unit owned by " + members + " members", cluster::snapshot,
                s -> s.names().size() == members && s.names().stream().mapToInt(s::units).sum() == 1024, REASSIGNED);
        Thread.sleep(SETTLE);
        ClientProcess.WatchReport gaps = clients.watch(Duration.ofSeconds(5));
        ClusterSnapshot settled = cluster.snapshot();
        System.out.printf("InsideHostFailoverIT %s: %s; %d of %d silent; gap to the inside host median %d ms,"
                        + " p99 %d ms, max %d ms; the host's neighbours:%n%s%n%s", mode, what, gaps.silent(),
                gaps.sessions(), gaps.medianGap().toMillis(), gaps.p99Gap().toMillis(), gaps.maxGap().toMillis(),
                neighbours(cluster), settled.render());
        assertThat(gaps.silent()).as(what + ": sessions whose pings to the inside host stopped being answered\n"
                + clients.output()).isZero();
        assertThat(settled.sessionsUp("l2tp")).as(what + "\n" + settled.render()).isEqualTo(L2TP_SESSIONS);
        assertThat(settled.sessionsUp("pptp")).as(what + "\n" + settled.render()).isEqualTo(PPTP_SESSIONS);
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

    private static long sessionsUp(ClusterSnapshot snapshot, String member) {
        return snapshot.sessionsUp(member, "l2tp") + snapshot.sessionsUp(member, "pptp");
    }
}
