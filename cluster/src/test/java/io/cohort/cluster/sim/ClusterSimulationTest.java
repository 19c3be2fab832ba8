package io.cohort.cluster.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.cohort.cluster.keepalive.KeepalivePolicy;
import io.cohort.cluster.membership.FencingPolicy;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * Randomized fault scenarios ({@link FaultScenario}) checked against {@link ClusterInvariants}:
 * after the last fault the cluster converges within {@link #CONVERGENCE_BOUND} and stays
 * converged for {@link #STABLE_WINDOW}. {@value #DEFAULT_SEEDS} seeds by default;
 * {@code -Dcohort.cluster.seeds=N} for more, {@code -Dcohort.cluster.seed=S} to replay one.
 *
 * <p>Keepalive policy: the default, K for one false detection per week ({@link #POLICY}), not the patent's
 * 3600. With K = 3600 a false detection is expected about every 12 minutes per watched link at
 * 5 % loss (see {@code KeepaliveUnderLossTest}), i.e. once every few dozen seeds here, and a
 * false detection right before the check would read as a failure to converge.
 */
class ClusterSimulationTest {
    static final KeepalivePolicy POLICY = KeepalivePolicy.DEFAULT;
    static final Duration CONVERGENCE_BOUND = Duration.ofSeconds(3);
    static final Duration STABLE_WINDOW = Duration.ofSeconds(3);
    static final int DEFAULT_SEEDS = 1_000;

    @Test
    void convergesToOneMasterAndOneOwnerPerUnitAfterTheLastFault() {
        AtomicLong slowest = new AtomicLong();
        AtomicLong longestDuplicate = new AtomicLong();
        AtomicLong longestServedTwice = new AtomicLong();
        AtomicLong longestTwoMasters = new AtomicLong();
        java.util.Map<String, Long> totals = new java.util.TreeMap<>();
        Seeds.run(DEFAULT_SEEDS, seed -> {
            FaultScenario scenario = new FaultScenario(seed, POLICY);
            ClusterInvariants invariants = new ClusterInvariants(scenario.cluster, scenario.demanded,
                    FencingPolicy.DEFAULT.lease(POLICY.watchdogTimeout()));
            try {
                scenario.runFaults(invariants);
                long lastFault = scenario.cluster.scheduler().nanos();
                long convergedAt = -1;
                long deadline = lastFault + CONVERGENCE_BOUND.toNanos();
                while (scenario.cluster.scheduler().nanos() < deadline) {
                    scenario.run(invariants, scenario.cluster.scheduler().nanos() + FaultScenario.SAMPLE.toNanos());
                    if (convergedAt < 0 && invariants.convergedNow()) {
                        convergedAt = scenario.cluster.scheduler().nanos();
                    }
                }
                if (convergedAt < 0) {
                    throw new AssertionError("not converged " + CONVERGENCE_BOUND + " after the last fault");
                }
                invariants.requireConverged();
                scenario.run(invariants, deadline + STABLE_WINDOW.toNanos());
                scenario.cluster.slots().forEach(slot -> slot.counters().snapshot().forEach(
                        (name, value) -> totals.merge(name, value, Long::sum)));
                slowest.accumulateAndGet(convergedAt - lastFault, Math::max);
                longestDuplicate.accumulateAndGet(invariants.longestDuplicateNanos(), Math::max);
                longestServedTwice.accumulateAndGet(invariants.longestServedTwiceNanos(), Math::max);
                longestTwoMasters.accumulateAndGet(invariants.longestTwoMastersNanos(), Math::max);
            } catch (AssertionError e) {
                throw new AssertionError(e.getMessage() + "\nscenario:\n" + scenario.log, e);
            }
        });
        System.out.printf("cluster simulation: slowest convergence %.3f s, longest double ownership %.3f s, "
                + "longest served twice (network whole) %.3f s, longest two masters serving (network whole) %.3f s%n",
                slowest.get() / 1e9, longestDuplicate.get() / 1e9, longestServedTwice.get() / 1e9,
                longestTwoMasters.get() / 1e9);
        System.out.println("cluster simulation counters: " + totals);
        assertThat(slowest.get()).isLessThanOrEqualTo(CONVERGENCE_BOUND.toNanos());
    }
}
