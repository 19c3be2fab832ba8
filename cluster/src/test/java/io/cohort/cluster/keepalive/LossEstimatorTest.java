package io.cohort.cluster.keepalive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.cohort.cluster.keepalive.LossEstimator.Outcome;
import io.cohort.telemetry.Counters;
import io.cohort.testsupport.FailingCaseReport;
import io.cohort.testsupport.SeededCases;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

@ExtendWith(FailingCaseReport.class)
class LossEstimatorTest {
    private static final KeepalivePolicy FROM_ZERO = new KeepalivePolicy(
            KeepalivePolicy.DEFAULT.watchdogTimeout(), 3600, 2, 20, 128, 0, 512);

    private final Counters counters = new Counters();
    private final LossEstimator estimator = new LossEstimator(FROM_ZERO, counters);

    @Test
    void followsThePatentsSmoothing() {
        assertThat(estimator.observe(10)).isEqualTo(Outcome.FIRST);
        assertThat(estimator.observe(11)).isEqualTo(Outcome.ACCEPTED);
        assertThat(estimator.probability()).isZero();

        assertThat(estimator.observe(13)).isEqualTo(Outcome.ACCEPTED); // S = 1
        assertThat(estimator.probability()).isEqualTo(1 / 128.0);

        estimator.observe(14); // S = 0: P * 127/128
        assertThat(estimator.probability()).isEqualTo(127 / 128.0 / 128.0);

        estimator.observe(17); // S = 2
        assertThat(estimator.probability()).isEqualTo(127.0 * 127 / 128 / 128 / 128 + 2 / 128.0);
        assertThat(counters.get("cluster.keepalive.lost")).isEqualTo(3);
    }

    @Test
    void startsFromThePolicysInitialLoss() {
        assertThat(new LossEstimator(KeepalivePolicy.DEFAULT, counters).probability()).isEqualTo(0.05);
    }

    @Test
    void duplicatesAndLateKeepalivesChangeNothing() {
        estimator.observe(1);
        estimator.observe(3);
        double p = estimator.probability();

        assertThat(estimator.observe(3)).isEqualTo(Outcome.DUPLICATE);
        assertThat(estimator.observe(2)).isEqualTo(Outcome.LATE);
        assertThat(estimator.probability()).isEqualTo(p);
        assertThat(estimator.observe(4)).isEqualTo(Outcome.ACCEPTED); // measured from 3, not 2
        assertThat(counters.get("cluster.keepalive.duplicate")).isEqualTo(1);
        assertThat(counters.get("cluster.keepalive.late")).isEqualTo(1);
        assertThat(counters.get("cluster.keepalive.lost")).isEqualTo(1);
    }

    @Test
    void sequenceNumbersWrapAsSerialNumbers() {
        estimator.observe(0xFFFFFFFE);

        assertThat(estimator.observe(0xFFFFFFFF)).isEqualTo(Outcome.ACCEPTED);
        assertThat(estimator.observe(0)).isEqualTo(Outcome.ACCEPTED);
        assertThat(estimator.probability()).isZero();
        assertThat(estimator.observe(2)).isEqualTo(Outcome.ACCEPTED); // S = 1 across the wrap
        assertThat(estimator.probability()).isEqualTo(1 / 128.0);
        assertThat(estimator.observe(0xFFFFFFFF)).isEqualTo(Outcome.LATE);
    }

    @Test
    void aLongGapKeepsPAProbability() {
        estimator.observe(0);
        estimator.observe(1000);

        assertThat(estimator.probability()).isEqualTo(1);
        assertThat(counters.get("cluster.keepalive.lost")).isEqualTo(999);
    }

    /** Under independent loss p, P averages p / (1 - p) (see the class comment). */
    static Stream<Arguments> lossRatesAndSeeds() {
        return SeededCases.of(30, r -> Arguments.of(r.doubleBetween(0, 0.3), r.anyLong()));
    }

    @ParameterizedTest
    @MethodSource("lossRatesAndSeeds")
    void settlesNearTheLossRate(double p, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        LossEstimator e = new LossEstimator(FROM_ZERO, new Counters());
        double sum = 0;
        int received = 0;
        for (int seq = 0; received < 40_000; seq++) {
            if (random.nextDouble() < p) {
                continue;
            }
            e.observe(seq);
            if (++received > 10_000) {
                sum += e.probability();
            }
        }

        assertThat(sum / 30_000).isCloseTo(p / (1 - p), within(0.03));
    }
}
