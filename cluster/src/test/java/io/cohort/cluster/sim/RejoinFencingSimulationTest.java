package io.cohort.cluster.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.cohort.cluster.member.MemberId;
import io.cohort.cluster.membership.ClusterNode;
import io.cohort.cluster.membership.Role;
import io.cohort.cluster.unit.WorkUnit;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Fencing when members rejoin the master they lost: the master is paused just longer than the
 * watchdog t (its members lose it and join again, keeping their units) and shorter than it takes
 * to step down (it stays master), on a network that duplicates and reorders datagrams. The master
 * gives the rejoining members' units to others; a keepalive of its own from before the rejoin,
 * duplicated or overtaken by the JoinAck, still gives a member its old units and renews its lease.
 * Sampled every millisecond: no unit is ever served (owned under a valid lease) by two nodes.
 * Found by the replication failover simulation: the units used to go to other members at once,
 * and the old owner served them too for up to a lease.
 */
class RejoinFencingSimulationTest {
    private static final int SIZE = 5;
    private static final List<WorkUnit> UNITS = IntStream.range(0, 24).mapToObj(u -> WorkUnit.of(u * 37)).toList();

    @Test
    void aMemberRejoiningItsPausedMasterNeverServesAUnitGivenToAnother() {
        Seeds.run(60, RejoinFencingSimulationTest::pauseMasterAndCheck);
    }

    private static void pauseMasterAndCheck(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        SimCluster cluster = new SimCluster(SIZE, seed, s -> s.withKeepalive(ClusterSimulationTest.POLICY));
        cluster.startAll();
        for (int step = 0; step < 120; step++) { // 1.2 s: formed, every unit demanded and owned
            UNITS.forEach(cluster::demand);
            cluster.advance(Duration.ofMillis(10));
        }
        cluster.network().setConditions(LinkConditions.CLEAN.withDuplication(0.3).withReorder(0.5, Duration.ofMillis(20)));
        int master = IntStream.range(0, SIZE)
                .filter(i -> cluster.slots().get(i).node().orElseThrow().role() == Role.MASTER).findFirst().orElseThrow();
        cluster.pause(master);
        cluster.advance(Duration.ofMillis(205 + random.nextInt(40)));
        cluster.resume(master);
        for (int step = 0; step < 1_000; step++) {
            if (step % 20 == 0) {
                UNITS.forEach(cluster::demand);
            }
            cluster.advance(Duration.ofMillis(1));
            assertServedOnce(cluster, seed);
        }
    }

    private static void assertServedOnce(SimCluster cluster, long seed) {
        Map<WorkUnit, Set<MemberId>> served = new HashMap<>();
        for (ClusterNode node : cluster.running()) {
            node.servedUnits().forEach(u -> served.computeIfAbsent(u, x -> new TreeSet<>()).add(node.id()));
        }
        served.forEach((unit, who) -> assertThat(who).as("seed %d: %s served at %.3f s", seed, unit,
                cluster.scheduler().nanos() / 1e9).hasSize(1));
    }
}
