package io.cohort.cluster.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.cohort.cluster.member.MemberId;
import io.cohort.cluster.membership.ClusterNode;
import io.cohort.cluster.membership.Role;
import io.cohort.cluster.unit.WorkUnit;
import java.time.Duration;
import java.util.HashMap;
import java.util.IntSummaryStatistics;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * {@code NodeSettings.assignAllUnits} on three simulated members with no traffic at all: once
 * the members are in, the master gives every unit an owner, evenly; a crashed member's units go to
 * the others as soon as its watchdog expires.
 */
class AssignAllUnitsSimulationTest {
    /**
     * Watchdog (200 ms), the crashed member's lease and margin (150 + 80 ms: fencing), an assign
     * round trip and the 10 ms sampling: 500 ms on a clean network; at 5 % loss, room for a lost
     * order (50 ms) or a keepalive that arrived late.
     */
    private static final Duration CLEAN_REASSIGNMENT_BOUND = Duration.ofMillis(500);
    private static final Duration LOSSY_REASSIGNMENT_BOUND = Duration.ofMillis(600);

    @Test
    void allUnitsAreSpreadOnceTheMembersAreInAndACrashedMembersUnitsGoToTheOthers() {
        for (double loss : new double[] {0, 0.05}) {
            Seeds.run(10, seed -> {
                SimCluster cluster = new SimCluster(3, seed,
                        s -> s.withKeepalive(ClusterSimulationTest.POLICY).withAssignAllUnits(true));
                cluster.network().setConditions(LinkConditions.CLEAN.withLoss(loss));
                cluster.startAll();

                // master at about 0.3 s, the members in by about 0.4 s, the spread 0.2 s later
                cluster.advance(Duration.ofMillis(1_000));

                Map<WorkUnit, Set<MemberId>> owners = owners(cluster);
                assertThat(owners).as("loss %s", loss).hasSize(WorkUnit.COUNT).allSatisfy((u, who) -> assertThat(who).hasSize(1));
                assertThat(loads(cluster).getCount()).isEqualTo(3);
                assertThat(spread(loads(cluster))).isLessThanOrEqualTo(1);

                int victim = IntStream.range(0, 3)
                        .filter(i -> cluster.slots().get(i).node().orElseThrow().role() == Role.MEMBER)
                        .findFirst().orElseThrow();
                Set<WorkUnit> lost = cluster.slots().get(victim).node().orElseThrow().ownedUnits();
                assertThat(lost).isNotEmpty();
                long crash = cluster.scheduler().nanos();
                cluster.crash(victim);

                long reassigned = -1;
                while (reassigned < 0 && cluster.scheduler().nanos() - crash < Duration.ofSeconds(2).toNanos()) {
                    cluster.advance(Duration.ofMillis(10));
                    Map<WorkUnit, Set<MemberId>> now = owners(cluster);
                    if (lost.stream().allMatch(u -> now.getOrDefault(u, Set.of()).size() == 1)) {
                        reassigned = cluster.scheduler().nanos() - crash;
                    }
                }
                assertThat(reassigned).as("loss %s", loss)
                        .isBetween(0L, (loss == 0 ? CLEAN_REASSIGNMENT_BOUND : LOSSY_REASSIGNMENT_BOUND).toNanos());
                assertThat(owners(cluster)).hasSize(WorkUnit.COUNT).allSatisfy((u, who) -> assertThat(who).hasSize(1));
                assertThat(spread(loads(cluster))).isLessThanOrEqualTo(1);
            });
        }
    }

    private static IntSummaryStatistics loads(SimCluster cluster) {
        return cluster.running().stream().mapToInt(n -> n.ownedUnits().size()).summaryStatistics();
    }

    private static int spread(IntSummaryStatistics loads) {
        return loads.getMax() - loads.getMin();
    }

    private static Map<WorkUnit, Set<MemberId>> owners(SimCluster cluster) {
        Map<WorkUnit, Set<MemberId>> owners = new HashMap<>();
        for (ClusterNode node : cluster.running()) {
            node.ownedUnits().forEach(u -> owners.computeIfAbsent(u, x -> new TreeSet<>()).add(node.id()));
        }
        return owners;
    }
}
