package io.cohort.cluster.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.cohort.cluster.member.MemberId;
import io.cohort.cluster.membership.ClusterNode;
import io.cohort.cluster.membership.Role;
import io.cohort.cluster.unit.WorkUnit;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Fencing against pauses (SIGSTOP, a long GC): with {@code assignAllUnits}, five members, one
 * process — a member or the master — is paused for 0.3 to 3 s and resumed; on resuming it reads
 * its socket's backlog before its overdue timers run ({@link SimCluster#resume}). Sampled every
 * 5 ms, and right after the backlog is read: no unit is ever served (owned under a valid lease)
 * by two running nodes at once. Afterwards: one master, every node its member, every unit owned
 * once; a paused master did not take the mastership back from the one elected meanwhile.
 */
class PauseFencingSimulationTest {
    private static final int SIZE = 5;
    private static final Duration SAMPLE = Duration.ofMillis(5);

    @Test
    void aPausedMemberNeverServesAUnitSomeoneElseServesAndRejoins() {
        Seeds.run(40, seed -> pauseAndCheck(seed, Role.MEMBER));
    }

    @Test
    void aPausedMasterNeverServesAUnitSomeoneElseServesAndDoesNotWinTheMastershipBack() {
        Seeds.run(40, seed -> pauseAndCheck(seed, Role.MASTER));
    }

    /**
     * A member paused a little longer than the watchdog comes back and joins again before its
     * fenced units move: they go to the other members, which hold the state it replicated, never
     * back to it (it let go of them when it stepped down).
     */
    @Test
    void aMemberBackBeforeItsFencedUnitsMoveDoesNotGetThemBack() {
        int[] backFirst = new int[1];
        Seeds.run(40, seed -> {
            SplittableRandom random = new SplittableRandom(seed);
            SimCluster cluster = new SimCluster(SIZE, seed,
                    s -> s.withKeepalive(ClusterSimulationTest.POLICY).withAssignAllUnits(true));
            cluster.startAll();
            cluster.advance(Duration.ofMillis(1_500 + random.nextInt(500)));
            int victim = IntStream.range(0, SIZE)
                    .filter(i -> cluster.slots().get(i).node().orElseThrow().role() == Role.MEMBER)
                    .skip(random.nextInt(SIZE - 1)).findFirst().orElseThrow();
            ClusterNode node = cluster.slots().get(victim).node().orElseThrow();
            Set<WorkUnit> before = Set.copyOf(node.ownedUnits());
            assertThat(before).as("seed %d", seed).isNotEmpty();

            cluster.pause(victim);
            cluster.advance(Duration.ofMillis(250 + random.nextInt(80))); // past the watchdog, before the move
            cluster.resume(victim);
            boolean rejoinedWhileFenced = false;
            for (int step = 0; step < 200 && owners(cluster).size() < WorkUnit.COUNT; step++) {
                cluster.advance(SAMPLE);
                assertThat(node.ownedUnits()).as("seed %d: units of the paused member given back to it", seed)
                        .doesNotContainAnyElementsOf(before);
                rejoinedWhileFenced |= node.role() == Role.MEMBER;
            }
            assertThat(owners(cluster)).as("seed %d", seed).hasSize(WorkUnit.COUNT);
            assertThat(before).as("seed %d", seed).noneMatch(u -> owners(cluster).get(u).contains(node.id()));
            if (rejoinedWhileFenced) {
                backFirst[0]++;
            }
        });
        assertThat(backFirst[0]).as("runs in which the member was back before its units moved").isGreaterThan(10);
    }

    private static void pauseAndCheck(long seed, Role victimRole) {
        SplittableRandom random = new SplittableRandom(seed);
        SimCluster cluster = new SimCluster(SIZE, seed,
                s -> s.withKeepalive(ClusterSimulationTest.POLICY).withAssignAllUnits(true));
        cluster.startAll();
        cluster.advance(Duration.ofMillis(1_500 + random.nextInt(500)));
        int victim = IntStream.range(0, SIZE)
                .filter(i -> cluster.slots().get(i).node().orElseThrow().role() == victimRole)
                .skip(victimRole == Role.MEMBER ? random.nextInt(SIZE - 1) : 0).findFirst().orElseThrow();
        Duration pause = Duration.ofMillis(300 + random.nextInt(2_700));

        cluster.pause(victim);
        long until = cluster.scheduler().nanos() + pause.toNanos();
        Optional<MemberId> electedMeanwhile = Optional.empty();
        while (cluster.scheduler().nanos() < until) {
            cluster.advance(SAMPLE);
            assertServedOnce(cluster, seed);
            electedMeanwhile = master(cluster, victim);
        }
        cluster.resume(victim);
        assertServedOnce(cluster, seed); // the backlog is read, the overdue timers have not run yet

        for (int step = 0; step < 600; step++) { // 3 s
            cluster.advance(SAMPLE);
            assertServedOnce(cluster, seed);
            if (victimRole == Role.MASTER && electedMeanwhile.isPresent() && step > 0) {
                assertThat(master(cluster, -1)).as("seed %d, paused %s: the master elected meanwhile stays", seed, pause)
                        .isEqualTo(electedMeanwhile);
            }
        }
        ClusterNode paused = cluster.slots().get(victim).node().orElseThrow();
        assertThat(cluster.running().stream().filter(n -> n.role() == Role.MASTER)).as("seed %d", seed).hasSize(1);
        assertThat(cluster.running()).as("seed %d", seed).allSatisfy(n -> assertThat(n.role()).isIn(Role.MASTER, Role.MEMBER));
        assertThat(paused.master()).as("seed %d", seed).isEqualTo(master(cluster, -1));
        assertThat(owners(cluster)).as("seed %d", seed).hasSize(WorkUnit.COUNT)
                .allSatisfy((u, who) -> assertThat(who).hasSize(1));
    }

    /** The one master among the running nodes other than {@code except}, if exactly one. */
    private static Optional<MemberId> master(SimCluster cluster, int except) {
        var masters = IntStream.range(0, SIZE).filter(i -> i != except)
                .mapToObj(i -> cluster.slots().get(i).node())
                .flatMap(Optional::stream).filter(n -> n.role() == Role.MASTER).map(ClusterNode::id).toList();
        return masters.size() == 1 ? Optional.of(masters.getFirst()) : Optional.empty();
    }

    private static void assertServedOnce(SimCluster cluster, long seed) {
        Map<WorkUnit, Set<MemberId>> served = new HashMap<>();
        for (ClusterNode node : cluster.running()) {
            node.servedUnits().forEach(u -> served.computeIfAbsent(u, x -> new TreeSet<>()).add(node.id()));
        }
        served.forEach((unit, who) -> assertThat(who).as("seed %d: %s served at %.3f s by (roles %s)", seed, unit,
                cluster.scheduler().nanos() / 1e9, cluster.running().stream().map(n -> n.id() + " " + n.role()).toList())
                .hasSize(1));
    }

    private static Map<WorkUnit, Set<MemberId>> owners(SimCluster cluster) {
        Map<WorkUnit, Set<MemberId>> owners = new HashMap<>();
        for (ClusterNode node : cluster.running()) {
            node.ownedUnits().forEach(u -> owners.computeIfAbsent(u, x -> new TreeSet<>()).add(node.id()));
        }
        return owners;
    }
}
