package io.cohort.cluster.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.cohort.cluster.member.MemberId;
import io.cohort.cluster.membership.ClusterNode;
import io.cohort.cluster.membership.Role;
import io.cohort.cluster.unit.WorkUnit;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Two processes paused with overlapping windows (SIGSTOP, or a starting JVM starving its
 * neighbours on shared cores): the master A is paused long (0.7 to 3 s) and the others elect B;
 * then B stalls for 200 to 282 ms, less than the 283 ms after which a master steps down on
 * resuming ({@code ClusterNode.awayThresholdNanos}), and A resumes early in B's stall. A steps
 * down on resuming (it was away longer than the watchdog) and must not be master again before
 * B, which nobody replaced, runs again: B's members may lose B meanwhile and join A, and B,
 * resuming on time by its own measure, goes on as master (figure 8A's tie-breaker then ends it).
 * Each process resumes in either order (its socket's backlog or its overdue timers first).
 * Sampled every millisecond from B's stall until a second after it (every 5 ms otherwise): never two masters serving ({@link MasterOverlap}), no unit served by
 * two nodes at once; afterwards one master, every node its member, every unit owned once.
 */
class OverlappingPausesSimulationTest {
    private static final int SIZE = 5;
    /** Sampling from the second pause until a second after it ends. */
    private static final Duration FINE = Duration.ofMillis(1);
    /** Sampling while only the first process is paused, and from a second after the second pause on. */
    private static final Duration COARSE = Duration.ofMillis(5);

    @Test
    void aMasterBackFromALongPauseIsNotElectedWhileTheMasterElectedMeanwhileStallsBrieflyNeverTwoMasters() {
        List<String> failed = new ArrayList<>();
        long[] longest = {0};
        Seeds.of(60).forEach(seed -> {
            MasterOverlap overlap = overlappingPauses(seed, failed);
            longest[0] = Math.max(longest[0], overlap.longestNanos());
        });
        System.out.printf("overlapping pauses: %d scenarios with two masters serving or a unit served twice, "
                + "two masters for %.3f s at most%n", failed.size(), longest[0] / 1e9);
        assertThat(failed).isEmpty();
    }

    private static MasterOverlap overlappingPauses(long seed, List<String> failed) {
        SplittableRandom random = new SplittableRandom(seed);
        SimCluster cluster = new SimCluster(SIZE, seed,
                s -> s.withKeepalive(ClusterSimulationTest.POLICY).withAssignAllUnits(true));
        cluster.startAll();
        cluster.advance(Duration.ofMillis(1_500 + random.nextInt(500)));
        int first = master(cluster, -1);
        long firstPause = Duration.ofMillis(700 + random.nextInt(2_300)).toNanos();
        long secondPause = Duration.ofMillis(200 + random.nextInt(83)).toNanos();
        long resumedIntoStall = random.nextLong(secondPause - Duration.ofMillis(150).toNanos());
        boolean firstTimersFirst = random.nextBoolean();
        boolean secondTimersFirst = random.nextBoolean();
        String scenario = String.format("seed %d: m%d paused %d ms, resumed %d ms into m%%d's stall of %d ms "
                        + "(timers first: %b, %b)", seed, first, firstPause / 1_000_000, resumedIntoStall / 1_000_000,
                secondPause / 1_000_000, firstTimersFirst, secondTimersFirst);

        long start = cluster.scheduler().nanos();
        cluster.pause(first);
        MasterOverlap overlap = new MasterOverlap(cluster);
        Set<String> seen = new java.util.LinkedHashSet<>();
        runChecked(cluster, overlap, start + firstPause - resumedIntoStall, COARSE, seen);
        int second = master(cluster, first);
        assertThat(second).as(scenario, second).isNotNegative();
        String described = String.format(scenario, second);
        cluster.pause(second);
        runChecked(cluster, overlap, start + firstPause, FINE, seen);
        cluster.resume(first, firstTimersFirst);
        runChecked(cluster, overlap, start + firstPause - resumedIntoStall + secondPause, FINE, seen);
        cluster.resume(second, secondTimersFirst);
        runChecked(cluster, overlap, cluster.scheduler().nanos() + Duration.ofSeconds(1).toNanos(), FINE, seen);
        runChecked(cluster, overlap, cluster.scheduler().nanos() + Duration.ofSeconds(2).toNanos(), COARSE, seen);
        if (!seen.isEmpty()) {
            failed.add(described + ": " + seen);
        }

        assertThat(cluster.running().stream().filter(n -> n.role() == Role.MASTER)).as(described).hasSize(1);
        assertThat(cluster.running()).as(described).allSatisfy(n -> assertThat(n.role()).isIn(Role.MASTER, Role.MEMBER));
        assertThat(owners(cluster)).as(described).hasSize(WorkUnit.COUNT).allSatisfy((u, who) -> assertThat(who).hasSize(1));
        return overlap;
    }

    /**
     * Advances to {@code until} by {@code step}, noting into {@code seen} (the first time each
     * happens) two masters serving and units served by two nodes.
     */
    private static void runChecked(SimCluster cluster, MasterOverlap overlap, long until, Duration step, Set<String> seen) {
        while (cluster.scheduler().nanos() < until) {
            cluster.advance(Duration.ofNanos(Math.min(step.toNanos(), until - cluster.scheduler().nanos())));
            long now = cluster.scheduler().nanos();
            if (overlap.sample() && seen.stream().noneMatch(s -> s.startsWith("two masters"))) {
                seen.add(String.format("two masters %s from %.3f s", overlap.servingMasters(now), now / 1e9));
            }
            if (servedTwice(cluster) && seen.stream().noneMatch(s -> s.startsWith("a unit"))) {
                seen.add(String.format("a unit served twice from %.3f s", now / 1e9));
            }
        }
    }

    /** The master among the running nodes other than {@code except}, -1 if none. */
    private static int master(SimCluster cluster, int except) {
        return IntStream.range(0, SIZE).filter(i -> i != except)
                .filter(i -> cluster.slots().get(i).node().map(n -> n.role() == Role.MASTER).orElse(false))
                .findFirst().orElse(-1);
    }

    /** Whether two running, not paused nodes serve one unit now. */
    private static boolean servedTwice(SimCluster cluster) {
        java.util.BitSet served = new java.util.BitSet(WorkUnit.COUNT);
        for (SimCluster.Slot slot : cluster.slots()) {
            if (slot.paused() || slot.node().isEmpty()) {
                continue;
            }
            for (WorkUnit unit : slot.node().orElseThrow().servedUnits()) {
                if (served.get(unit.value())) {
                    return true;
                }
                served.set(unit.value());
            }
        }
        return false;
    }

    private static Map<WorkUnit, Set<MemberId>> owners(SimCluster cluster) {
        Map<WorkUnit, Set<MemberId>> owners = new HashMap<>();
        for (ClusterNode node : cluster.running()) {
            node.ownedUnits().forEach(u -> owners.computeIfAbsent(u, x -> new TreeSet<>()).add(node.id()));
        }
        return owners;
    }
}
