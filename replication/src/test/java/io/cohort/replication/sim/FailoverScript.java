package io.cohort.replication.sim;

import io.cohort.cluster.member.MemberId;
import io.cohort.cluster.sim.LinkConditions;
import io.cohort.cluster.unit.WorkUnit;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeSet;

/**
 * One seeded run of a {@link ReplicatedCluster}: 3 to 5 members form, sessions start on 3 to 8
 * demanded units, then for 2 s faults come every 50 to 400 ms: a process killed (its connections
 * reset) or its host lost (they go silent), a restart, a stop and continue (0.1 to 1.5 s; one
 * process at a time), a replication connection broken, datagrams duplicated (up to 5 %) and
 * reordered (up to 10 %) and, with {@code lossAndPartitions}, lost (up to 20 %), partitions of
 * 20 ms to 2 s and several processes stopped at once. Then
 * everything heals, the dead restart, sessions go on for 0.5 s and stop, and every replica must
 * hold each of its unit's owner's sessions within 5 s.
 *
 * <p>Without loss and partitions no unit may be served by two members at any 2 ms step. With
 * them the cluster itself allows it (cluster README, "Simulation and seeds"): a minority's master
 * keeps serving its units during a partition, and offers lost during an election, or crossing a
 * partition however short, leave two masters until the tie-breaker settles it, as does a member
 * that resumes from a stop and is elected (after a rejoin timeout and an offer silence: 150 ms)
 * while the master is stopped for less than it takes to step down (283 ms); so the longest a
 * unit is served twice while the network is whole is measured, and state lost while a unit had
 * two owners is counted ({@link OwnerOrderAnomaly#LOST_IN_SPLIT_BRAIN}), not a violation.
 */
final class FailoverScript {
    /** What a run found. */
    record Outcome(List<String> violations, List<String> divergence, Map<OwnerOrderAnomaly, Long> anomalies,
                   long longestServedTwiceNanos, long convergedAfterNanos, long takeovers, long keysRebuilt, long acknowledgements, long published,
                   String cluster) {}

    private static final Duration STEP = Duration.ofMillis(2);

    private final long seed;
    private final boolean lossAndPartitions;
    private final SplittableRandom random;
    private final ReplicatedCluster cluster;
    private final List<WorkUnit> units;
    private final long[] resumeAt;
    private final Map<WorkUnit, Long> servedTwiceSince = new HashMap<>();
    private long longestServedTwice;
    private boolean partitioned;

    FailoverScript(long seed, boolean lossAndPartitions) {
        this.seed = seed;
        this.lossAndPartitions = lossAndPartitions;
        this.random = new SplittableRandom(seed);
        int size = 3 + random.nextInt(3);
        LinkTimings timings = LinkTimings.DEFAULTS
                .withProbeInterval(Duration.ofMillis(200 + random.nextInt(1_800)))
                .withReconnectMax(Duration.ofMillis(400 + random.nextInt(1_600)))
                .withHandshakeTimeout(Duration.ofMillis(300 + random.nextInt(1_700)));
        this.cluster = new ReplicatedCluster(size, seed, timings, Duration.ofMillis(4 + random.nextInt(20)), lossAndPartitions,
                s -> s);
        TreeSet<WorkUnit> chosen = new TreeSet<>();
        int count = 3 + random.nextInt(6);
        while (chosen.size() < count) {
            chosen.add(WorkUnit.of(random.nextInt(WorkUnit.COUNT)));
        }
        this.units = List.copyOf(chosen);
        this.resumeAt = new long[size];
    }

    Outcome run() {
        for (int i = 0; i < cluster.size(); i++) {
            cluster.start(i);
        }
        go(Duration.ofMillis(1_200));
        long faultsEnd = cluster.nanos() + Duration.ofSeconds(2).toNanos();
        while (cluster.nanos() < faultsEnd) {
            fault();
            go(Duration.ofMillis(50 + random.nextInt(350)));
        }
        healEverything();
        go(Duration.ofMillis(500));
        cluster.quiesce();
        long quiet = cluster.nanos();
        List<String> divergence = cluster.divergence(units, false);
        while (!divergence.isEmpty() && cluster.nanos() - quiet < Duration.ofSeconds(5).toNanos()) {
            go(Duration.ofMillis(50));
            divergence = cluster.divergence(units, false);
        }
        long converged = cluster.nanos() - quiet;
        if (!divergence.isEmpty()) {
            divergence = cluster.divergence(units, lossAndPartitions);
        }
        cluster.staleReplicas(units);
        StateLedger ledger = cluster.ledger();
        return new Outcome(ledger.violations(), divergence, ledger.anomalies(), longestServedTwice, converged, ledger.takeovers(),
                ledger.keysRebuilt(), ledger.acknowledgements(), ledger.published(), cluster.describe());
    }

    /** Advances, demanding the units every 50 ms, resuming paused members when due, checking each step. */
    private void go(Duration total) {
        long until = cluster.nanos() + total.toNanos();
        while (cluster.nanos() < until) {
            if (cluster.nanos() / STEP.toNanos() % 25 == 0) {
                cluster.demand(units);
            }
            for (int i = 0; i < cluster.size(); i++) {
                if (cluster.running(i) && cluster.paused(i) && cluster.nanos() >= resumeAt[i]) {
                    cluster.resume(i);
                }
            }
            cluster.cluster().advance(STEP);
            checkServers();
        }
    }

    /**
     * Strictly, a unit served by two members is a violation; with loss and partitions, how long it
     * lasts while the network is whole is measured.
     */
    private void checkServers() {
        for (WorkUnit unit : units) {
            List<MemberId> servers = cluster.servers(unit);
            if (servers.size() < 2 || partitioned) {
                servedTwiceSince.remove(unit);
            } else if (lossAndPartitions) {
                long since = servedTwiceSince.computeIfAbsent(unit, u -> cluster.nanos());
                longestServedTwice = Math.max(longestServedTwice, cluster.nanos() - since + STEP.toNanos());
            } else {
                cluster.ledger().violate("%s served by %s at once", unit, servers);
            }
        }
    }

    private void fault() {
        int i = random.nextInt(cluster.size());
        switch (random.nextInt(lossAndPartitions ? 8 : 6)) {
            case 0 -> {
                if (cluster.running(i) && runningCount() > 1) {
                    cluster.crash(i, random.nextBoolean());
                }
            }
            case 1 -> {
                if (!cluster.running(i)) {
                    cluster.start(i);
                }
            }
            case 2 -> {
                if (cluster.running(i) && !cluster.paused(i) && (lossAndPartitions || pausedCount() == 0)) {
                    cluster.pause(i);
                    resumeAt[i] = cluster.nanos() + Duration.ofMillis(100 + random.nextInt(1_400)).toNanos();
                }
            }
            case 3 -> {
                int peer = random.nextInt(cluster.size());
                if (peer != i) {
                    cluster.breakConnection(i, memberId(peer));
                }
            }
            case 4 -> cluster.conditions(LinkConditions.CLEAN.withLoss(lossAndPartitions ? random.nextDouble() * 0.2 : 0)
                    .withDuplication(random.nextDouble() * 0.05)
                    .withReorder(random.nextDouble() * 0.1, Duration.ofMillis(1 + random.nextInt(20))));
            case 5 -> cluster.conditions(LinkConditions.CLEAN);
            case 6 -> shortPartition();
            default -> longPartition();
        }
    }

    /** A partition shorter than the lease (150 ms): streams stall; during an election, two masters may result. */
    private void shortPartition() {
        partition(Duration.ofMillis(20 + random.nextInt(120)));
    }

    private void longPartition() {
        partition(Duration.ofMillis(150 + random.nextInt(1_850)));
    }

    private void partition(Duration length) {
        split();
        partitioned = true;
        go(length);
        cluster.heal();
        partitioned = false;
    }

    private void split() {
        for (int m = 0; m < cluster.size(); m++) {
            cluster.partition(m, random.nextInt(2));
        }
    }

    private void healEverything() {
        cluster.heal();
        partitioned = false;
        cluster.conditions(LinkConditions.CLEAN);
        for (int i = 0; i < cluster.size(); i++) {
            if (cluster.running(i) && cluster.paused(i)) {
                cluster.resume(i);
            } else if (!cluster.running(i)) {
                cluster.start(i);
            }
        }
    }

    private int pausedCount() {
        int n = 0;
        for (int i = 0; i < cluster.size(); i++) {
            n += cluster.running(i) && cluster.paused(i) ? 1 : 0;
        }
        return n;
    }

    private int runningCount() {
        int n = 0;
        for (int i = 0; i < cluster.size(); i++) {
            n += cluster.running(i) ? 1 : 0;
        }
        return n;
    }

    private MemberId memberId(int i) {
        return cluster.cluster().slots().get(i).id();
    }

    long seed() {
        return seed;
    }
}
