package io.cohort.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import io.cohort.server.cluster.PeerUnits;
import io.cohort.steering.SteeringMode;
import io.cohort.lab.localcluster.ClientProcess;
import io.cohort.lab.localcluster.ClusterSnapshot;
import io.cohort.lab.localcluster.LocalCluster;
import io.cohort.lab.localcluster.MemberProcess;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A member added to a running three-member {@link LocalCluster} receives units through the master's
 * rebalancing (the patent's figure 8D: one unit every 2 s) and serves a new session of one of them;
 * a member removed cleanly (SIGTERM: it stops and leaves) has its units handed to the others, so
 * that all 1024 are owned by the remaining members. Under steering the new session is aimed at the
 * new member by its source port: the unit of an SCCRQ is that of the client's address and port
 * ({@link PeerUnits}), so a port whose unit the new member owns reaches it through the cluster IP.
 * With {@code none} the clients reach every member at its own address.
 */
class ClusterMembershipIT {
    private static final Duration REBALANCE = Duration.ofSeconds(30);
    private static final Duration READY = Duration.ofSeconds(60);
    private static final int L2TP_PORT = 1701;

    /** {@code none} and {@code unicast}, or the modes of {@code -Dcohort.it.steering=...}. */
    static List<String> modes() {
        return LocalClusters.chosenModes(SteeringMode.NONE_NAME, SteeringMode.UNICAST.configName());
    }

    @BeforeEach
    void preconditions() {
        LocalClusters.assumeRunnable();
    }

    @ParameterizedTest
    @MethodSource("modes")
    void anAddedMemberGetsUnitsAndServesNewSessions_aRemovedOneHandsItsUnitsOver(String mode) throws Exception {
        try (LocalCluster cluster = LocalCluster.start(LocalClusters.settings(3, mode))) {
            MemberProcess added = cluster.addMember();
            cluster.awaitFormed();
            ClusterSnapshot withUnits = LocalClusters.await(added.name() + " owning units by the rebalance",
                    cluster::snapshot, s -> !s.unitsOf(added.name()).isEmpty(), REBALANCE);
            System.out.printf("ClusterMembershipIT %s: %s joined and got units%n%s", mode, added.name(),
                    withUnits.render());

            ClientProcess.Load load = mode.equals(SteeringMode.NONE_NAME)
                    ? new ClientProcess.Load(cluster.members().size(), 0, 1, List.of()) // one tunnel per member address
                    : new ClientProcess.Load(1, 0, 1, List.of(portReaching(withUnits.unitsOf(added.name()), cluster)));
            ClientProcess clients = cluster.startClients(load, line -> System.out.println("  " + line));
            ClientProcess.ClientReport report = clients.awaitReady(READY);
            assertThat(report.l2tpAnswering()).as(clients.output()).isEqualTo(load.l2tp());
            ClusterSnapshot served = cluster.snapshot();
            assertThat(served.sessionsUp(added.name(), "l2tp")).as("sessions on the new member\n" + served.render())
                    .isEqualTo(1);
            clients.close();

            MemberProcess leaving = cluster.members().stream().filter(m -> !m.name().equals(served.formedMaster().orElseThrow()))
                    .findFirst().orElseThrow();
            cluster.removeMember(leaving.name());
            ClusterSnapshot after = cluster.awaitFormed();
            System.out.printf("ClusterMembershipIT %s: %s left%n%s", mode, leaving.name(), after.render());
            assertThat(after.names()).doesNotContain(leaving.name()).hasSize(3);
            assertThat(after.names().stream().mapToInt(after::units).sum()).as(after.render()).isEqualTo(1024);
        }
    }

    /** A UDP source port of the client namespace whose new tunnel belongs to one of {@code units}. */
    private static int portReaching(Set<Integer> units, LocalCluster cluster) throws Exception {
        InetAddress client = InetAddress.getByName(cluster.settings().lan().clientAddress());
        return IntStream.range(20_000, 60_000)
                .filter(p -> units.contains(PeerUnits.udp(new InetSocketAddress(client, p), L2TP_PORT).orElseThrow().value()))
                .findFirst().orElseThrow(() -> new AssertionError("no port reaches units " + units));
    }
}
