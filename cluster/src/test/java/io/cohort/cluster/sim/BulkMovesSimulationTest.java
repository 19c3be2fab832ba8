package io.cohort.cluster.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.cohort.cluster.membership.ClusterNode;
import io.cohort.cluster.unit.WorkUnit;
import java.time.Duration;
import java.util.IntSummaryStatistics;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Moves of empty and busy units with {@code assignAllUnits}: members that start seconds apart
 * (each after the spread of the units among the ones before) get their share of empty units within
 * a second of joining; busy units move one per rebalance period (2 s), never faster.
 */
class BulkMovesSimulationTest {
    private static final Duration JOINER_SHARE_BOUND = Duration.ofSeconds(1);

    @Test
    void membersStartingSecondsApartEachGetTheirShareOfEmptyUnitsWithinASecond() {
        Seeds.run(20, seed -> {
            SplittableRandom random = new SplittableRandom(seed);
            SimCluster cluster = new SimCluster(4, seed,
                    s -> s.withKeepalive(ClusterSimulationTest.POLICY).withAssignAllUnits(true));
            cluster.start(0);
            cluster.advance(Duration.ofMillis(1_000 + random.nextInt(3_000)));
            for (int i = 1; i < 4; i++) {
                cluster.start(i);
                cluster.advance(JOINER_SHARE_BOUND);
                IntSummaryStatistics loads = loads(cluster);
                assertThat(loads.getSum()).as("seed %d, %d members", seed, i + 1).isEqualTo(WorkUnit.COUNT);
                assertThat(loads.getMax() - loads.getMin()).as("seed %d, %d members: loads %s", seed, i + 1, loads)
                        .isLessThanOrEqualTo(1);
                cluster.advance(Duration.ofMillis(random.nextInt(3_000)));
            }
        });
    }

    @Test
    void busyUnitsMoveOnePerRebalancePeriod() {
        Seeds.run(10, seed -> {
            SimCluster cluster = new SimCluster(3, seed,
                    s -> s.withKeepalive(ClusterSimulationTest.POLICY).withAssignAllUnits(true));
            cluster.busyUnits((member, unit) -> true);
            cluster.start(0);
            cluster.start(1);
            cluster.advance(Duration.ofSeconds(2));
            cluster.start(2);
            Duration watched = Duration.ofSeconds(11);
            cluster.advance(watched);

            ClusterNode joiner = cluster.slots().get(2).node().orElseThrow();
            long moves = cluster.slots().stream().mapToLong(s -> s.counters().get("cluster.assign.moves")).sum();
            assertThat(cluster.slots().stream().mapToLong(s -> s.counters().get("cluster.assign.bulk_moves")).sum())
                    .as("seed %d", seed).isZero();
            assertThat(joiner.ownedUnits().size()).as("seed %d", seed)
                    .isLessThanOrEqualTo((int) (watched.toSeconds() / 2) + 1)
                    .isGreaterThanOrEqualTo(4)
                    .isEqualTo((int) moves);
        });
    }

    private static IntSummaryStatistics loads(SimCluster cluster) {
        return cluster.running().stream().mapToInt(n -> n.ownedUnits().size()).summaryStatistics();
    }
}
