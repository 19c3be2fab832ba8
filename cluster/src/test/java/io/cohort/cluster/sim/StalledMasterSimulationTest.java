package io.cohort.cluster.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.cohort.cluster.member.MemberId;
import io.cohort.cluster.membership.ClusterNode;
import io.cohort.cluster.membership.Role;
import io.cohort.cluster.unit.WorkUnit;
import java.time.Duration;
import java.util.BitSet;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * A loaded host (a JVM starting on shared cores): the master's process is stalled for 190 to
 * 282 ms, past its members' watchdog t but under the 283 ms after which it steps down, and runs
 * again in either order (its socket's backlog or its overdue timers first). Its members lose it
 * (figure 8I) and join keeping their units, quietly: no join until they offer, so that the master,
 * once it runs again, does not take them for restarted members and move all their units; its
 * first keepalive, still listing them in the same term, takes them back
 * ({@code cluster.member.resumed_after_silence}). Sampled every 2 ms: no unit served by two nodes;
 * afterwards the same master, every node its member, every unit owned once; over all seeds, at
 * most one member in ten that lost the master joins it again (all did before: every unit moved).
 */
class StalledMasterSimulationTest {
    private static final int SIZE = 5;

    @Test
    void membersThatLostAStalledMasterAreTakenBackByItsKeepaliveWithoutTheirUnitsMoving() {
        long[] lost = {0};
        long[] rejoined = {0};
        long[] resumed = {0};
        long[] moved = {0};
        Seeds.run(40, seed -> {
            SplittableRandom random = new SplittableRandom(seed);
            SimCluster cluster = new SimCluster(SIZE, seed,
                    s -> s.withKeepalive(ClusterSimulationTest.POLICY).withAssignAllUnits(true));
            cluster.startAll();
            cluster.advance(Duration.ofMillis(1_500 + random.nextInt(500)));
            int master = IntStream.range(0, SIZE)
                    .filter(i -> cluster.slots().get(i).node().orElseThrow().role() == Role.MASTER)
                    .findFirst().orElseThrow();
            MemberId masterId = cluster.slots().get(master).id();
            long lostBefore = sum(cluster, "cluster.member.master_lost");
            long rejoinedBefore = sum(cluster, "cluster.join.rejoined");
            long resumedBefore = sum(cluster, "cluster.member.resumed_after_silence");
            long movedBefore = sum(cluster, "cluster.assign.reassigned");
            Duration stall = Duration.ofMillis(190 + random.nextInt(93));

            cluster.pause(master);
            advanceChecked(cluster, stall, seed);
            cluster.resume(master, random.nextBoolean());
            advanceChecked(cluster, Duration.ofMillis(1_500), seed);

            assertThat(cluster.running()).as("seed %d, stall %s", seed, stall)
                    .allSatisfy(n -> assertThat(n.master()).contains(masterId));
            assertThat(cluster.running()).as("seed %d", seed).allSatisfy(n -> assertThat(n.role()).isIn(Role.MASTER, Role.MEMBER));
            assertThat(owners(cluster)).as("seed %d", seed).hasSize(WorkUnit.COUNT).allSatisfy((u, who) -> assertThat(who).hasSize(1));
            lost[0] += sum(cluster, "cluster.member.master_lost") - lostBefore;
            rejoined[0] += sum(cluster, "cluster.join.rejoined") - rejoinedBefore;
            resumed[0] += sum(cluster, "cluster.member.resumed_after_silence") - resumedBefore;
            moved[0] += sum(cluster, "cluster.assign.reassigned") - movedBefore;
        });
        System.out.printf("stalled master: %d members lost it, %d were taken back by its keepalive, %d joined it again, "
                + "%d units moved%n", lost[0], resumed[0], rejoined[0], moved[0]);
        assertThat(resumed[0]).isPositive();
        assertThat(rejoined[0] * 10).isLessThanOrEqualTo(lost[0]);
    }

    private static void advanceChecked(SimCluster cluster, Duration span, long seed) {
        long until = cluster.scheduler().nanos() + span.toNanos();
        while (cluster.scheduler().nanos() < until) {
            cluster.advance(Duration.ofNanos(Math.min(Duration.ofMillis(2).toNanos(), until - cluster.scheduler().nanos())));
            BitSet served = new BitSet(WorkUnit.COUNT);
            for (SimCluster.Slot slot : cluster.slots()) {
                if (slot.paused() || slot.node().isEmpty()) {
                    continue;
                }
                for (WorkUnit unit : slot.node().orElseThrow().servedUnits()) {
                    assertThat(served.get(unit.value())).as("seed %d: %s served twice at %.3f s", seed, unit,
                            cluster.scheduler().nanos() / 1e9).isFalse();
                    served.set(unit.value());
                }
            }
        }
    }

    private static long sum(SimCluster cluster, String counter) {
        return cluster.slots().stream().mapToLong(s -> s.counters().get(counter)).sum();
    }

    private static Map<WorkUnit, Set<MemberId>> owners(SimCluster cluster) {
        Map<WorkUnit, Set<MemberId>> owners = new HashMap<>();
        for (ClusterNode node : cluster.running()) {
            node.ownedUnits().forEach(u -> owners.computeIfAbsent(u, x -> new TreeSet<>()).add(node.id()));
        }
        return owners;
    }
}
