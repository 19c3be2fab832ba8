package io.cohort.cluster.sim;

import io.cohort.cluster.keepalive.KeepalivePolicy;
import io.cohort.cluster.unit.WorkUnit;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeSet;

/**
 * One seeded run: 3 to 6 members started within 300 ms of each other; a fault phase of 2 to 8 s
 * of random crashes, restarts, two-way partitions, heals and bad links (up to 25 % loss, 5 %
 * duplication, 10 % reordering by up to 20 ms); then the last fault: the network heals, some
 * crashed members restart, links settle at up to 5 % loss, 2 % duplication and 2 % reordering.
 * Packets for a fixed set of demanded units reach the masters every 50 ms throughout. The
 * {@link ClusterInvariants} are sampled every 10 ms.
 */
final class FaultScenario {
    static final Duration SAMPLE = Duration.ofMillis(10);
    static final Duration DEMAND_PERIOD = Duration.ofMillis(50);

    final long seed;
    final SimCluster cluster;
    final List<WorkUnit> demanded = new ArrayList<>();
    final StringBuilder log = new StringBuilder();
    private final SplittableRandom random;

    FaultScenario(long seed, KeepalivePolicy keepalive) {
        this.seed = seed;
        this.random = new SplittableRandom(seed);
        int size = 3 + random.nextInt(4);
        this.cluster = new SimCluster(size, random.nextLong(), keepalive);
        TreeSet<Integer> units = new TreeSet<>();
        int count = 4 + random.nextInt(29);
        while (units.size() < count) {
            units.add(random.nextInt(WorkUnit.COUNT));
        }
        units.forEach(u -> demanded.add(WorkUnit.of(u)));
        log.append(size).append(" members, ").append(count).append(" demanded units\n");
    }

    /** Runs the start and the fault phase; returns when the last fault has happened. */
    void runFaults(ClusterInvariants invariants) {
        int size = cluster.slots().size();
        for (int i = 0; i < size; i++) {
            int member = i;
            cluster.scheduler().schedule(Duration.ofMillis(random.nextInt(300)), () -> {
                if (!cluster.isRunning(member)) {
                    cluster.start(member);
                }
            });
        }
        scheduleDemand();
        long faultPhase = 2_000 + random.nextInt(6_000);
        long at = 300;
        while ((at += 100 + random.nextInt(1_500)) < faultPhase) {
            run(invariants, Duration.ofMillis(at).toNanos());
            fault();
        }
        run(invariants, Duration.ofMillis(faultPhase).toNanos());
        lastFault();
    }

    /** Runs the cluster until {@code deadline}, sampling the invariants. */
    void run(ClusterInvariants invariants, long deadline) {
        while (cluster.scheduler().nanos() < deadline) {
            cluster.advance(SAMPLE);
            invariants.sample();
        }
    }

    private void scheduleDemand() {
        cluster.scheduler().schedule(DEMAND_PERIOD, () -> {
            demanded.forEach(cluster::demand);
            scheduleDemand();
        });
    }

    private void fault() {
        int size = cluster.slots().size();
        int member = random.nextInt(size);
        switch (random.nextInt(5)) {
            case 0 -> {
                if (cluster.isRunning(member) && cluster.running().size() > 1) {
                    cluster.crash(member);
                    note("crash m" + member);
                }
            }
            case 1 -> {
                if (!cluster.isRunning(member)) {
                    cluster.start(member);
                    note("restart m" + member);
                }
            }
            case 2 -> {
                cluster.network().heal();
                StringBuilder side = new StringBuilder();
                for (SimCluster.Slot slot : cluster.slots()) {
                    if (random.nextBoolean()) {
                        cluster.network().partition(slot.address(), 1);
                        side.append(' ').append(slot.id());
                    }
                }
                note("partition {" + side + " } from the rest");
            }
            case 3 -> {
                cluster.network().heal();
                note("heal");
            }
            default -> {
                cluster.network().setConditions(LinkConditions.CLEAN.withLoss(random.nextDouble(0.25))
                        .withDuplication(random.nextDouble(0.05))
                        .withReorder(random.nextDouble(0.10), Duration.ofMillis(random.nextInt(21))));
                note("links: " + cluster.network().conditions());
            }
        }
    }

    private void lastFault() {
        cluster.network().heal();
        for (int i = 0; i < cluster.slots().size(); i++) {
            if (!cluster.isRunning(i) && (random.nextBoolean() || cluster.running().isEmpty())) {
                cluster.start(i);
                note("restart m" + i);
            }
        }
        cluster.network().setConditions(LinkConditions.CLEAN.withLoss(random.nextDouble(0.05))
                .withDuplication(random.nextDouble(0.02))
                .withReorder(random.nextDouble(0.02), Duration.ofMillis(random.nextInt(6))));
        note("last fault: heal, links " + cluster.network().conditions());
    }

    private void note(String event) {
        log.append(String.format("%7.3f s  %s%n", cluster.scheduler().nanos() / 1e9, event));
    }
}
