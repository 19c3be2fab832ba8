package io.cohort.benchmarks.cluster;

import io.cohort.cluster.keepalive.KeepalivePolicy;
import io.cohort.cluster.member.MemberId;
import io.cohort.cluster.membership.ClusterNode;
import io.cohort.cluster.membership.Role;
import io.cohort.cluster.sim.LinkConditions;
import io.cohort.cluster.sim.SimCluster;
import io.cohort.cluster.unit.WorkUnit;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * One seeded simulated cluster as the benchmark drives it: default settings but for the
 * one-week horizon K and {@code assignAllUnits}; members started at random within 300 ms (as the
 * cluster's simulation tests do); links with the {@link LinkConditions#CLEAN} LAN delay and the
 * given loss. Times are simulated, checked every {@link #STEP}.
 */
final class SeededClusterRun {
    static final KeepalivePolicy POLICY =
            KeepalivePolicy.DEFAULT.withHorizon(KeepalivePolicy.DEFAULT.horizonFor(Duration.ofDays(7)));
    static final Duration STEP = Duration.ofMillis(1);
    private static final Duration STARTS_WITHIN = Duration.ofMillis(300);

    final SimCluster cluster;
    private final SplittableRandom random;

    SeededClusterRun(int size, long seed, double loss) {
        this.random = new SplittableRandom(seed);
        this.cluster = new SimCluster(size, random.nextLong(), s -> s.withKeepalive(POLICY).withAssignAllUnits(true));
        cluster.network().setConditions(LinkConditions.CLEAN.withLoss(loss));
        for (int i = 0; i < size; i++) {
            int member = i;
            cluster.scheduler().schedule(Duration.ofNanos(random.nextLong(STARTS_WITHIN.toNanos())), () -> cluster.start(member));
        }
    }

    /**
     * Simulated nanoseconds from the start of the run (the first member starts at most 300 ms
     * later) until {@link #converged}, or empty if not within {@code limit}.
     */
    Optional<Long> convergence(Duration limit) {
        return until(this::converged, limit);
    }

    /**
     * Crashes a member that is not the master and owns units (chosen by the seed); returns the
     * simulated nanoseconds until each of its units is owned by exactly one running member.
     */
    Optional<Long> crashAMember(Duration limit) {
        List<Integer> candidates = IntStream.range(0, cluster.slots().size())
                .filter(i -> cluster.slots().get(i).node().map(n -> n.role() == Role.MEMBER && !n.ownedUnits().isEmpty())
                        .orElse(false))
                .boxed().toList();
        int victim = candidates.get(random.nextInt(candidates.size()));
        Set<WorkUnit> lost = cluster.slots().get(victim).node().orElseThrow().ownedUnits();
        cluster.crash(victim);
        return until(() -> ownedOnce(lost), limit);
    }

    /** Crashes the master; returns the simulated nanoseconds until {@link #converged} again. */
    Optional<Long> crashTheMaster(Duration limit) {
        cluster.crash(masterIndex());
        return until(this::converged, limit);
    }

    /** The running master's slot index. */
    int masterIndex() {
        return IntStream.range(0, cluster.slots().size())
                .filter(i -> cluster.slots().get(i).node().map(n -> n.role() == Role.MASTER).orElse(false))
                .findFirst().orElseThrow();
    }

    /**
     * Exactly one master; every other running node its member; every node's member list the
     * running nodes; every one of the {@value WorkUnit#COUNT} units owned by exactly one node.
     */
    boolean converged() {
        List<ClusterNode> running = cluster.running();
        List<ClusterNode> masters = running.stream().filter(n -> n.role() == Role.MASTER).toList();
        if (masters.size() != 1) {
            return false;
        }
        MemberId master = masters.getFirst().id();
        SortedSet<MemberId> ids = running.stream().map(ClusterNode::id).collect(Collectors.toCollection(TreeSet::new));
        for (ClusterNode node : running) {
            if (!node.master().equals(Optional.of(master)) || !node.members().equals(ids)) {
                return false;
            }
        }
        return IntStream.of(ownerCounts()).allMatch(c -> c == 1);
    }

    private boolean ownedOnce(Set<WorkUnit> units) {
        int[] owners = ownerCounts();
        return units.stream().allMatch(u -> owners[u.value()] == 1);
    }

    /** How many running nodes own each unit. */
    private int[] ownerCounts() {
        int[] owners = new int[WorkUnit.COUNT];
        for (ClusterNode node : cluster.running()) {
            node.ownedUnits().forEach(u -> owners[u.value()]++);
        }
        return owners;
    }

    private Optional<Long> until(BooleanSupplier condition, Duration limit) {
        long start = cluster.scheduler().nanos();
        long deadline = start + limit.toNanos();
        while (cluster.scheduler().nanos() < deadline) {
            cluster.advance(STEP);
            if (condition.getAsBoolean()) {
                return Optional.of(cluster.scheduler().nanos() - start);
            }
        }
        return Optional.empty();
    }
}
