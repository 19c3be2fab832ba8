package io.cohort.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import io.cohort.lab.localcluster.ClientProcess;
import io.cohort.lab.localcluster.ClusterSnapshot;
import io.cohort.lab.localcluster.LocalCluster;
import io.cohort.lab.localcluster.MemberProcess;
import io.cohort.steering.SteeringMode;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code cohort drain} on real processes: a three-member {@link LocalCluster} carries L2TP sessions
 * and PPTP calls of the built-in clients, each pinging through its tunnel every 100 ms. The busiest
 * member but the master is drained through its control socket with the packaged CLI
 * ({@code cohort drain NAME --wait}): the master moves all its units away live, each unit's state
 * handed over before its ownership (patent, figure 7), until it owns none and serves no session,
 * and no session goes silent. {@code cohort drain --cancel} gives it units again as the master
 * rebalances, again without a session lost; then it is stopped (SIGTERM) and none is lost either.
 * The traffic gaps and the drain's time are printed.
 */
class MemberDrainIT {
    private static final Duration READY = Duration.ofSeconds(90);
    private static final Duration REPLICATED = Duration.ofSeconds(10);
    private static final Duration MOVED = Duration.ofSeconds(15);
    private static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration WATCH_INTERVAL = Duration.ofMillis(100);
    /** After the units are where they go, how long the sessions get to answer before the gaps are read. */
    private static final Duration SETTLE = Duration.ofSeconds(4);
    private static final int L2TP_SESSIONS = Integer.getInteger("cohort.it.drain.l2tp", 12);
    private static final int PPTP_SESSIONS = Integer.getInteger("cohort.it.drain.pptp", 12);

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
    void aDrainedMemberHandsEverySessionOverLiveGetsUnitsBackWhenCancelledAndStopsWithoutLoss(String mode)
            throws Exception {
        try (LocalCluster cluster = LocalCluster.start(LocalClusters.settings(3, mode))) {
            cluster.awaitFormed();
            ClientProcess clients = cluster.startClients(
                    new ClientProcess.Load(L2TP_SESSIONS, PPTP_SESSIONS, 1, List.of(), 0, WATCH_INTERVAL),
                    line -> System.out.println("  " + line));
            ClientProcess.ClientReport ready = clients.awaitReady(READY);
            assertThat(ready.l2tpAnswering()).as(clients.output()).isEqualTo(L2TP_SESSIONS);
            assertThat(ready.pptpAnswering()).as(clients.output()).isEqualTo(PPTP_SESSIONS);
            ClusterSnapshot before = cluster.snapshot();
            String drained = LocalClusters.busiestNonMaster(before);
            String socket = member(cluster, drained).controlSocket().toString();
            System.out.printf("MemberDrainIT %s: before the drain (%s serves %d sessions)%n%s", mode, drained,
                    LocalClusters.sessionsUp(before, drained), before.render());
            assertThat(LocalClusters.sessionsUp(before, drained)).as(before.render()).isPositive();
            LocalClusters.awaitReplicated(cluster, drained, 2, REPLICATED);

            clients.watch(Duration.ofSeconds(5)); // the gaps from here on
            CohortCli.Run drain = CohortCli.run(cluster.settings().cohort(), DRAIN_TIMEOUT.plusSeconds(30), "drain",
                    drained, "--wait", "--timeout", DRAIN_TIMEOUT.toSeconds() + "s", "--socket", socket);
            System.out.printf("MemberDrainIT %s: cohort drain %s --wait (exit %d):%n%s", mode, drained,
                    drain.exitCode(), drain.output());
            assertThat(drain.exitCode()).as(drain.output()).isZero();
            assertThat(drain.output()).contains("drained " + drained + " in ");
            check(cluster, clients, mode, drained + " drained", 3,
                    s -> s.draining(drained) && s.units(drained) == 0 && LocalClusters.sessionsUp(s, drained) == 0);

            CohortCli.Run cancel = CohortCli.run(cluster.settings().cohort(), Duration.ofSeconds(30), "drain", "--cancel",
                    "--socket", socket);
            assertThat(cancel.exitCode()).as(cancel.output()).isZero();
            assertThat(cancel.output()).startsWith("drain of " + drained + " ended");
            check(cluster, clients, mode, drained + "'s drain cancelled", 3,
                    s -> !s.draining(drained) && s.units(drained) > 0);

            // Rebalancing gave it empty units (bulk moves first): it may serve no session yet.
            LocalClusters.awaitCaughtUp(cluster, drained, 2, REPLICATED);
            check(cluster, clients, mode, drained + " stopped", 2, s -> !s.names().contains(drained),
                    () -> cluster.removeMember(drained));
        }
    }

    private static MemberProcess member(LocalCluster cluster, String name) {
        return cluster.members().stream().filter(m -> m.name().equals(name)).findFirst().orElseThrow();
    }

    /** Something done to the cluster, checked for lost sessions. */
    @FunctionalInterface
    private interface Event {
        void happen() throws InterruptedException;
    }

    private static void check(LocalCluster cluster, ClientProcess clients, String mode, String what, int members,
                              Predicate<ClusterSnapshot> reached) throws InterruptedException {
        check(cluster, clients, mode, what, members, reached, () -> { });
    }

    /**
     * Makes {@code event} happen, waits until {@code members} members own every unit and
     * {@code reached} holds, gives the sessions {@link #SETTLE} to answer, prints the gaps since the
     * last watch and checks that every session carries on.
     */
    private static void check(LocalCluster cluster, ClientProcess clients, String mode, String what, int members,
                              Predicate<ClusterSnapshot> reached, Event event) throws InterruptedException {
        event.happen();
        LocalClusters.await(what + ", every unit owned by " + members + " members", cluster::snapshot,
                s -> s.names().size() == members && s.names().stream().mapToInt(s::units).sum() == 1024
                        && reached.test(s), MOVED);
        Thread.sleep(SETTLE);
        ClientProcess.WatchReport gaps = clients.watch(Duration.ofSeconds(5));
        ClusterSnapshot settled = cluster.snapshot();
        System.out.printf("MemberDrainIT %s: %s; %d of %d silent; traffic gap median %d ms, p99 %d ms, max %d ms%n%s",
                mode, what, gaps.silent(), gaps.sessions(), gaps.medianGap().toMillis(), gaps.p99Gap().toMillis(),
                gaps.maxGap().toMillis(), settled.render());
        assertThat(gaps.silent()).as(what + ": sessions that stopped answering\n" + clients.output()).isZero();
        assertThat(settled.sessionsUp("l2tp")).as(what + "\n" + settled.render()).isEqualTo(L2TP_SESSIONS);
        assertThat(settled.sessionsUp("pptp")).as(what + "\n" + settled.render()).isEqualTo(PPTP_SESSIONS);
    }
}
