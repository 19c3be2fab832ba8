package io.cohort.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import io.cohort.lab.localcluster.ClientProcess;
import io.cohort.lab.localcluster.ClusterSnapshot;
import io.cohort.lab.localcluster.LocalCluster;
import io.cohort.server.control.api.ClusterDocument;
import io.cohort.steering.SteeringMode;
import java.time.Duration;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Stateful failover on real processes (patent, figure 7): a three-member {@link LocalCluster}
 * carries L2TP sessions and PPTP calls of the built-in clients, each pinging through its tunnel
 * every 100 ms;
 * the member that serves the most of them is killed with SIGKILL, then the master. Each time the
 * dead member's units go to the others, which rebuild its sessions from the state it replicated:
 * no session goes silent, none is set up again (the clients never reconnect by themselves), and
 * the traffic gaps are printed.
 */
class MemberFailoverIT {
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
        String chosen = System.getProperty("cohort.it.steering", "");
        return chosen.isBlank() ? List.of(SteeringMode.UNICAST.configName())
                : Arrays.stream(chosen.split(",")).map(String::strip).toList();
    }

    @BeforeEach
    void preconditions() {
        LocalClusters.assumeRunnable();
    }

    @ParameterizedTest
    @MethodSource("modes")
    void theSessionsOfAKilledMemberThenOfAKilledMasterCarryOnOnTheirUnitsNewOwners(String mode) throws Exception {
        try (LocalCluster cluster = LocalCluster.start(LocalClusters.settings(3, mode))) {
            cluster.awaitFormed();
            ClientProcess clients = cluster.startClients(
                    new ClientProcess.Load(L2TP_SESSIONS, PPTP_SESSIONS, 1, List.of(), 0, WATCH_INTERVAL),
                    line -> System.out.println("  " + line));
            ClientProcess.ClientReport ready = clients.awaitReady(READY);
            assertThat(ready.l2tpAnswering()).as(clients.output()).isEqualTo(L2TP_SESSIONS);
            assertThat(ready.pptpAnswering()).as(clients.output()).isEqualTo(PPTP_SESSIONS);
            ClusterSnapshot before = cluster.snapshot();
            String master = before.formedMaster().orElseThrow();
            String victim = before.names().stream().filter(n -> !n.equals(master))
                    .max(Comparator.comparingLong(n -> sessionsUp(before, n))).orElseThrow();
            System.out.printf("MemberFailoverIT %s: before the kills (%s serves %d sessions)%n%s", mode, victim,
                    sessionsUp(before, victim), before.render());
            assertThat(sessionsUp(before, victim)).as(before.render()).isPositive();
            await(victim + "'s state sent to both other members", cluster, victim, 2);

            killAndCheck(cluster, clients, mode, victim, 2);

            // Then the master: the last member left carries every session.
            await(master + "'s state sent to the member left", cluster, master, 1);
            killAndCheck(cluster, clients, mode, master, 1);
        }
    }

    /** Waits until {@code member} published state and every one of its {@code peers} peers is caught up. */
    private static void await(String what, LocalCluster cluster, String member, int peers) {
        LocalClusters.await(what, cluster::snapshot,
                s -> s.member(member).flatMap(ClusterSnapshot.Member::view).flatMap(ClusterDocument::replication)
                        .filter(r -> r.ownKeys() > 0 && r.peers().size() == peers && r.caughtUp()).isPresent(),
                REPLICATED);
    }

    /**
     * Kills {@code victim}, waits until the {@code left} members own every unit and the sessions had
     * {@link #SETTLE} to answer, prints the gaps and checks that every session carries on.
     */
    private static void killAndCheck(LocalCluster cluster, ClientProcess clients, String mode, String victim, int left)
            throws InterruptedException {
        long victimSessions = sessionsUp(cluster.snapshot(), victim);
        clients.watch(Duration.ofSeconds(5));
        cluster.killMember(victim);
        ClusterSnapshot after = LocalClusters.await("every unit owned by the " + left + " members left",
                cluster::snapshot, s -> s.names().size() == left && s.names().stream().mapToInt(s::units).sum() == 1024,
                REASSIGNED);
        Thread.sleep(SETTLE);
        ClientProcess.WatchReport gaps = clients.watch(Duration.ofSeconds(5));
        ClusterSnapshot settled = cluster.snapshot();
        System.out.printf("MemberFailoverIT %s: %s killed with %d sessions; %d of %d silent; traffic gap median %d ms,"
                        + " p99 %d ms, max %d ms%n%s", mode, victim, victimSessions, gaps.silent(), gaps.sessions(),
                gaps.medianGap().toMillis(), gaps.p99Gap().toMillis(), gaps.maxGap().toMillis(), settled.render());
        assertThat(gaps.silent()).as("sessions that stopped answering\n" + clients.output()).isZero();
        assertThat(settled.sessionsUp("l2tp")).as(settled.render()).isEqualTo(L2TP_SESSIONS);
        assertThat(settled.sessionsUp("pptp")).as(settled.render()).isEqualTo(PPTP_SESSIONS);
        assertThat(after.names()).doesNotContain(victim);
    }

    private static long sessionsUp(ClusterSnapshot snapshot, String member) {
        return snapshot.sessionsUp(member, "l2tp") + snapshot.sessionsUp(member, "pptp");
    }
}
