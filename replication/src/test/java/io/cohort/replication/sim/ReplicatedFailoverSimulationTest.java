package io.cohort.replication.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.cohort.testsupport.FailingCaseReport;
import io.cohort.testsupport.SeededCases;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Replication and takeover under faults ({@link FailoverScript}): members running the cluster
 * protocol and replication's sans-I/O core over simulated streams, with sessions on their units.
 * {@code -Dcohort.replication.sim.runs=N} runs N seeds per test instead of the default.
 */
@ExtendWith(FailingCaseReport.class)
class ReplicatedFailoverSimulationTest {
    static Stream<Arguments> seeds() {
        return SeededCases.of(Integer.getInteger("cohort.replication.sim.runs", 600), random -> Arguments.of(random.seed()));
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void crashesPausesAndBrokenStreamsLoseNoAcknowledgedStateAndServeEachUnitOnce(long seed) {
        check(new FailoverScript(seed, false).run());
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void withLossAndPartitionsAUnitIsServedTwiceBrieflyAndEveryReplicaConverges(long seed) {
        FailoverScript.Outcome outcome = new FailoverScript(seed, true).run();
        check(outcome);
        assertThat(outcome.longestServedTwiceNanos()).as("longest a unit was served twice on a whole network (ns)")
                .isLessThanOrEqualTo(Duration.ofSeconds(1).toNanos());
    }

    private static void check(FailoverScript.Outcome outcome) {
        assertThat(outcome.violations()).as("invariants (%s)", outcome.cluster()).isEmpty();
        assertThat(outcome.divergence()).as("replicas 5 s after the last change (%s)", outcome.cluster()).isEmpty();
        assertThat(outcome.takeovers()).as("takeovers").isPositive();
    }
}
