package io.cohort.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import io.cohort.lab.localcluster.ClientProcess;
import io.cohort.lab.localcluster.ClusterSnapshot;
import io.cohort.lab.localcluster.LocalCluster;
import io.cohort.lab.localcluster.MemberProcess;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Packets for a unit that is being assigned are held and delivered after the ack, not lost (the
 * patent's figure 9, steps 940 and 941: the master saves the packet until the member acknowledges
 * the assignment, then forwards it). The members assign work units on demand (the patent's figure
 * 9, no {@code assign-all-units}), so every client's first packet reaches a unit with no owner: the
 * master's capture gives it to the cluster layer, which assigns the unit to the least loaded
 * member, holds the packet and, once that member acknowledged, hands it over (forwarded to the
 * owner, or into the master's own kernel). Every session comes up on the first try, and the units
 * and sessions spread over the members.
 */
class HeldPacketsIT {
    private static final int MEMBERS = 3;
    private static final int SESSIONS = 24;
    private static final int PER_TUNNEL = 2;
    private static final Duration READY = Duration.ofSeconds(120);

    @ParameterizedTest
    @MethodSource("io.cohort.systemtests.LocalClusters#steeringModes")
    void theFirstPacketsOfUnassignedUnitsAreHeldAndDelivered(String mode) throws Exception {
        LocalClusters.assumeRunnable();
        try (LocalCluster cluster = LocalCluster.start(LocalClusters.settings(MEMBERS, mode).withUnitsOnDemand())) {
            assertThat(cluster.snapshot().formedMaster()).as("no unit has an owner before its first packet").isEmpty();

            ClientProcess clients = cluster.startClients(new ClientProcess.Load(SESSIONS, SESSIONS, PER_TUNNEL, List.of(), 0),
                    line -> System.out.println("  " + line));
            ClientProcess.ClientReport report = clients.awaitReady(READY);

            assertThat(report.l2tpUp()).as(clients.output()).isEqualTo(SESSIONS);
            assertThat(report.pptpUp()).as(clients.output()).isEqualTo(SESSIONS);
            assertThat(report.l2tpAnswering() + report.pptpAnswering()).isEqualTo(2 * SESSIONS);
            ClusterSnapshot s = cluster.snapshot();
            System.out.printf("HeldPacketsIT %s:%n%s", mode, s.render());
            assertThat(counterSum(cluster, "cluster.demand.held")).as("packets the master held").isPositive();
            assertThat(counterSum(cluster, "steering.handoff.forwarded") + counterSum(cluster, "steering.handoff.self"))
                    .as("held packets handed to their unit's new owner").isPositive();
            assertThat(counterSum(cluster, "steering.handoff.dropped")).as("held packets lost").isZero();
            long membersServing = s.members().stream()
                    .filter(m -> s.sessionsUp(m.name(), "l2tp") + s.sessionsUp(m.name(), "pptp") > 0).count();
            assertThat(membersServing).as("members serving sessions\n" + s.render()).isGreaterThan(1);
            clients.close();
        }
    }

    private static long counterSum(LocalCluster cluster, String name) {
        return cluster.members().stream().mapToLong(m -> m.counter(name)).sum();
    }
}
