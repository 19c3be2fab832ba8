package io.cohort.cluster.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.cohort.cluster.member.MemberId;
import io.cohort.cluster.membership.ClusterNode;
import io.cohort.cluster.membership.Role;
import io.cohort.cluster.unit.WorkUnit;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The rounds of the real-process failover test ({@code cli}'s ClusterProcessIT) on five simulated
 * members with {@code assignAllUnits}: a member crashes, restarts and rejoins, then the master
 * crashes, restarts and rejoins, three times over, each crash as soon as the cluster looks whole
 * again (bulk moves to the rejoined member may still be in flight). Every round is measured as
 * that test does, from the crash until the survivors agree on the members and the master and
 * each one's table assigns every unit; later rounds, which follow restarts and rejoins, must be
 * as fast as the first: a member's
 * death costs its watchdog (200 ms after its last keepalive, figure 8B step 837), its lease and
 * the margin (150 + 80 ms, fencing), an assign round trip and the 10 ms sampling.
 */
class RepeatedFailoverSimulationTest {
    private static final Duration MEMBER_FAILOVER_BOUND = Duration.ofMillis(600);
    private static final Duration MASTER_FAILOVER_BOUND = Duration.ofMillis(1_000);
    private static final Duration CONVERGE = Duration.ofSeconds(10);
    private static final Duration STEP = Duration.ofMillis(10);
    private static final int SIZE = 5;

    @Test
    void roundsAfterRestartsAndRejoinsAreAsFastAsTheFirst() {
        AtomicLong slowestMember = new AtomicLong();
        AtomicLong slowestMaster = new AtomicLong();
        Seeds.run(10, seed -> {
            SimCluster cluster = new SimCluster(SIZE, seed,
                    s -> s.withKeepalive(ClusterSimulationTest.POLICY).withAssignAllUnits(true));
            cluster.startAll();
            assertThat(awaitConverged(cluster)).as("seed %d: the first cluster formed", seed).isPositive();
            List<Long> memberRounds = new ArrayList<>();
            List<Long> masterRounds = new ArrayList<>();
            for (int round = 0; round < 3; round++) {
                int master = master(cluster);
                int finalRound = round;
                int victim = IntStream.range(0, SIZE).filter(i -> i != master).skip(finalRound).findFirst().orElseThrow();
                memberRounds.add(crashAndAwait(cluster, victim));
                cluster.start(victim);
                assertThat(awaitConverged(cluster)).as("seed %d round %d: member %d rejoined", seed, round, victim).isPositive();
                int current = master(cluster);
                masterRounds.add(crashAndAwait(cluster, current));
                cluster.start(current);
                assertThat(awaitConverged(cluster)).as("seed %d round %d: master %d rejoined", seed, round, current).isPositive();
            }
            slowestMember.accumulateAndGet(Collections.max(memberRounds), Math::max);
            slowestMaster.accumulateAndGet(Collections.max(masterRounds), Math::max);
            assertThat(memberRounds).as("seed %d: ms from a member's crash to every unit owned, each round", seed)
                    .allSatisfy(ms -> assertThat(ms).isBetween(0L, MEMBER_FAILOVER_BOUND.toMillis()));
            assertThat(masterRounds).as("seed %d: ms from the master's crash to every unit owned, each round", seed)
                    .allSatisfy(ms -> assertThat(ms).isBetween(0L, MASTER_FAILOVER_BOUND.toMillis()));
        });
        System.out.printf("repeated failover: slowest round %d ms after a member's crash, %d ms after the master's%n",
                slowestMember.get(), slowestMaster.get());
    }

    /** Crashes member {@code i}; ms until the others are one cluster owning every unit, -1 if never within {@link #CONVERGE}. */
    private static long crashAndAwait(SimCluster cluster, int i) {
        cluster.crash(i);
        return awaitConverged(cluster);
    }

    /** Advances in steps of {@link #STEP} until {@link #converged}; the ms it took, -1 if not within {@link #CONVERGE}. */
    private static long awaitConverged(SimCluster cluster) {
        long start = cluster.scheduler().nanos();
        while (cluster.scheduler().nanos() - start < CONVERGE.toNanos()) {
            cluster.advance(STEP);
            if (converged(cluster)) {
                return (cluster.scheduler().nanos() - start) / 1_000_000;
            }
        }
        return -1;
    }

    /** One master, every running node lists exactly the running ones, and each one's table assigns every unit. */
    private static boolean converged(SimCluster cluster) {
        List<ClusterNode> running = cluster.running();
        SortedSet<MemberId> ids = new TreeSet<>();
        running.forEach(n -> ids.add(n.id()));
        Set<Optional<MemberId>> masters = new HashSet<>();
        for (ClusterNode n : running) {
            if (!n.members().equals(ids)) {
                return false;
            }
            masters.add(n.master());
        }
        if (masters.size() != 1 || masters.iterator().next().isEmpty()) {
            return false;
        }
        return running.stream().allMatch(n -> n.view().assignments().size() == WorkUnit.COUNT);
    }

    private static int master(SimCluster cluster) {
        return IntStream.range(0, SIZE)
                .filter(i -> cluster.isRunning(i) && cluster.slots().get(i).node().orElseThrow().role() == Role.MASTER)
                .findFirst().orElseThrow();
    }
}
