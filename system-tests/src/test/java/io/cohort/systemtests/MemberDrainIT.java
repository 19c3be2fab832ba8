package io.cohort.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import io.cohort.lab.localcluster.ClientProcess;
import io.cohort.lab.localcluster.ClusterSnapshot;
import io.cohort.lab.localcluster.LocalCluster;
import io.cohort.lab.localcluster.MemberProcess;
import io.cohort.steering.SteeringMode;
import java.time.Duration;
import java.util.List;
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
    private static final Duration REPLICATED = SessionLossCheck.REPLICATED;
    private static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(60);
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
        SessionLossCheck sessions = new SessionLossCheck("MemberDrainIT", mode, L2TP_SESSIONS, PPTP_SESSIONS);
        try (LocalCluster cluster = LocalCluster.start(LocalClusters.settings(3, mode))) {
            cluster.awaitFormed();
            ClientProcess clients = sessions.startClients(cluster, java.util.Optional.empty());
            ClusterSnapshot before = cluster.snapshot();
            String drained = LocalClusters.busiestNonMaster(before);
            String socket = member(cluster, drained).controlSocket().toString();
            System.out.printf("MemberDrainIT %s: before the drain (%s serves %d sessions)%n%s", mode, drained,
                    LocalClusters.sessionsUp(before, drained), before.render());
            assertThat(LocalClusters.sessionsUp(before, drained)).as(before.render()).isPositive();
            LocalClusters.awaitReplicated(cluster, drained, 2, REPLICATED);

            sessions.checkFromNow(cluster, clients, drained + " drained", 3,
                    s -> s.draining(drained) && s.units(drained) == 0 && LocalClusters.sessionsUp(s, drained) == 0,
                    () -> drain(cluster, mode, drained, socket), () -> "");

            sessions.checkFromNow(cluster, clients, drained + "'s drain cancelled", 3,
                    s -> !s.draining(drained) && s.units(drained) > 0, () -> cancelDrain(cluster, socket, drained),
                    () -> "");

            // Rebalancing gave it empty units (bulk moves first): it may serve no session yet.
            LocalClusters.awaitCaughtUp(cluster, drained, 2, REPLICATED);
            sessions.check(cluster, clients, drained + " stopped", 2, s -> !s.names().contains(drained),
                    () -> cluster.removeMember(drained), () -> "");
        }
    }

    /** {@code cohort drain NAME --wait}: returns once the drain has ended. */
    private static void drain(LocalCluster cluster, String mode, String drained, String socket)
            throws InterruptedException {
        CohortCli.Run drain = CohortCli.run(cluster.settings().cohort(), DRAIN_TIMEOUT.plusSeconds(30), "drain",
                drained, "--wait", "--timeout", DRAIN_TIMEOUT.toSeconds() + "s", "--socket", socket);
        System.out.printf("MemberDrainIT %s: cohort drain %s --wait (exit %d):%n%s", mode, drained,
                drain.exitCode(), drain.output());
        assertThat(drain.exitCode()).as(drain.output()).isZero();
        assertThat(drain.output()).contains("drained " + drained + " in ");
        printMoveTimes(cluster, mode, drained);
    }

    /**
     * How long a live move took per unit on the drained member, from its counters: de-assign to
     * acknowledgement, the state handed over in between (the replication's barrier).
     */
    private static void printMoveTimes(LocalCluster cluster, String mode, String drained) {
        cluster.snapshot().members().stream().filter(m -> m.name().equals(drained))
                .flatMap(m -> m.status().stream()).findFirst().ifPresent(status -> {
                    long moves = status.counters().getOrDefault("cluster.member.moved_away", 0L);
                    long nanos = status.counters().getOrDefault("cluster.member.move_away_nanos", 0L);
                    System.out.printf("MemberDrainIT %s: %d live moves away from %s, %.1f ms each on average "
                            + "(de-assign to acknowledgement, state handed over)%n", mode, moves, drained,
                            moves == 0 ? 0.0 : nanos / 1e6 / moves);
                });
    }

    /** {@code cohort drain --cancel}. */
    private static void cancelDrain(LocalCluster cluster, String socket, String drained)
            throws InterruptedException {
        CohortCli.Run cancel = CohortCli.run(cluster.settings().cohort(), Duration.ofSeconds(30), "drain", "--cancel",
                "--socket", socket);
        assertThat(cancel.exitCode()).as(cancel.output()).isZero();
        assertThat(cancel.output()).startsWith("drain of " + drained + " ended");
    }

    private static MemberProcess member(LocalCluster cluster, String name) {
        return cluster.members().stream().filter(m -> m.name().equals(name)).findFirst().orElseThrow();
    }
}
