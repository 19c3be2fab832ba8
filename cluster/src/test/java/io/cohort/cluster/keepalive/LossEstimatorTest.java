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
    private static final long T = KeepalivePolicy.DEFAULT.watchdogTimeout().toNanos();
    /** Keepalives every t / 5 (n = 4). */
    private static final long INTERVAL = T / 5;

    private final Counters counters = new Counters();
    private final LossEstimator estimator = new LossEstimator(FROM_ZERO, counters);
    private long now;

    /** The keepalive {@code seq}, arriving one interval after the previous one. */
    private Outcome next(int seq) {
        now += INTERVAL;
        return estimator.observe(seq, now);
    }

    @Test
    void followsThePatentsSmoothing() {
        assertThat(next(10)).isEqualTo(Outcome.FIRST);
        assertThat(next(11)).isEqualTo(Outcome.ACCEPTED);
        assertThat(estimator.probability()).isZero();

        assertThat(next(13)).isEqualTo(Outcome.ACCEPTED); // S = 1
        assertThat(estimator.probability()).isEqualTo(1 / 128.0);

        next(14); // S = 0: P * 127/128
        assertThat(estimator.probability()).isEqualTo(127 / 128.0 / 128.0);

        next(17); // S = 2
        assertThat(estimator.probability()).isEqualTo(127.0 * 127 / 128 / 128 / 128 + 2 / 128.0);
    }

    @Test
    void startsFromThePolicysInitialLoss() {
        assertThat(new LossEstimator(KeepalivePolicy.DEFAULT, counters).probability()).isEqualTo(0.05);
    }

    /**
     * P's prior of 5 % fades by 127/128 per keepalive: after a minute of keepalives every 400 ms
     * (the local cluster's 2 s watchdog, n = 4) P is still 1.5 %, and it was 3–4 % for the first
     * half minute, on a link that lost nothing. The measured loss, what an operator sees, is 0.
     */
    @Test
    void aCleanLinkMeasuresNoLossWhilePStillCarriesItsPrior() {
        LossEstimator fresh = new LossEstimator(KeepalivePolicy.DEFAULT, counters);
        for (int seq = 0; seq < 150; seq++) {
            now += INTERVAL;
            fresh.observe(seq, now);
        }

        assertThat(fresh.probability()).isCloseTo(0.05 * Math.pow(127 / 128.0, 149), within(1e-12)).isGreaterThan(0.015);
        assertThat(fresh.measuredLoss()).isZero();
        assertThat(counters.get("cluster.keepalive.lost")).isZero();
    }

    @Test
    void measuredLossIsTheWeightedShareOfKeepalivesMissing() {
        assertThat(estimator.measuredLoss()).isZero();
        next(0);
        assertThat(estimator.measuredLoss()).isZero();

        next(1);
        next(3); // 1 of the 3 keepalives after the first is missing
        double expected = 1 / (2 + 127 / 128.0); // weights: 1 for 2 and 3, 127/128 for 1
        assertThat(estimator.measuredLoss()).isCloseTo(expected, within(1e-12));
    }

    @Test
    void aKeepaliveOvertakenWithinTheWatchdogIntervalIsNotLost() {
        next(1);
        next(2);
        next(4); // 3 is missing for now
        next(5);
        assertThat(estimator.probability()).isEqualTo(127 / 128.0 / 128.0);
        assertThat(estimator.measuredLoss()).isPositive();

        assertThat(next(3)).isEqualTo(Outcome.REORDERED);

        assertThat(estimator.probability()).isZero();
        assertThat(estimator.measuredLoss()).isZero();
        next(6);
        next(7);
        now += 2 * T;
        next(8);
        assertThat(counters.get("cluster.keepalive.lost")).isZero();
        assertThat(counters.get("cluster.keepalive.reordered")).isEqualTo(1);
        assertThat(counters.get("cluster.keepalive.late")).isZero();
    }

    @Test
    void aKeepaliveLaterThanTheWatchdogIntervalStaysLost() {
        next(1);
        next(3); // 2 is missing
        double p = estimator.probability();
        assertThat(counters.get("cluster.keepalive.lost")).isZero(); // not yet: it may still come

        now += T;
        assertThat(next(2)).isEqualTo(Outcome.LATE);

        assertThat(estimator.probability()).isEqualTo(p);
        assertThat(counters.get("cluster.keepalive.lost")).isEqualTo(1);
        assertThat(counters.get("cluster.keepalive.late")).isEqualTo(1);
        assertThat(next(4)).isEqualTo(Outcome.ACCEPTED); // measured from 3, not 2
        assertThat(estimator.probability()).isEqualTo(p * 127 / 128);
    }

    @Test
    void lossIsCountedOnceTheWatchdogIntervalHasPassed() {
        next(1);
        next(3); // 2 is found missing two intervals in
        int seq = 4;
        while (now + INTERVAL <= 2 * INTERVAL + T) {
            next(seq++);
            assertThat(counters.get("cluster.keepalive.lost")).isZero();
        }

        next(seq);
        assertThat(counters.get("cluster.keepalive.lost")).isEqualTo(1);
    }

    @Test
    void duplicatesChangeNothing() {
        next(1);
        next(3);
        double p = estimator.probability();

        assertThat(next(3)).isEqualTo(Outcome.DUPLICATE);
        assertThat(estimator.probability()).isEqualTo(p);
        assertThat(counters.get("cluster.keepalive.duplicate")).isEqualTo(1);
    }

    @Test
    void sequenceNumbersWrapAsSerialNumbers() {
        next(0xFFFFFFFE);

        assertThat(next(0xFFFFFFFF)).isEqualTo(Outcome.ACCEPTED);
        assertThat(next(0)).isEqualTo(Outcome.ACCEPTED);
        assertThat(estimator.probability()).isZero();
        assertThat(next(2)).isEqualTo(Outcome.ACCEPTED); // S = 1 across the wrap
        assertThat(estimator.probability()).isEqualTo(1 / 128.0);
        assertThat(next(1)).isEqualTo(Outcome.REORDERED);
        assertThat(next(0xFFFFFFFF)).isEqualTo(Outcome.LATE);
    }

    @Test
    void aLongGapKeepsPAProbability() {
        next(0);
        next(1000);

        assertThat(estimator.probability()).isEqualTo(1);
        assertThat(estimator.measuredLoss()).isEqualTo(999 / 1000.0);
        assertThat(counters.get("cluster.keepalive.lost")).isEqualTo(999 - LossEstimator.MAX_MISSING);
        now += T;
        next(1001);
        assertThat(counters.get("cluster.keepalive.lost")).isEqualTo(999);
    }

    /** Under independent loss p, P averages p / (1 - p) (see the class comment), the measured loss p. */
    static Stream<Arguments> lossRatesAndSeeds() {
        return SeededCases.of(30, r -> Arguments.of(r.doubleBetween(0, 0.3), r.anyLong()));
    }

    @ParameterizedTest
    @MethodSource("lossRatesAndSeeds")
    void settlesNearTheLossRate(double p, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        LossEstimator e = new LossEstimator(FROM_ZERO, new Counters());
        double sumP = 0;
        double sumMeasured = 0;
        int received = 0;
        long time = 0;
        for (int seq = 0; received < 40_000; seq++) {
            time += INTERVAL;
            if (random.nextDouble() < p) {
                continue;
            }
            e.observe(seq, time);
            if (++received > 10_000) {
                sumP += e.probability();
                sumMeasured += e.measuredLoss();
            }
        }

        assertThat(sumP / 30_000).isCloseTo(p / (1 - p), within(0.03));
        assertThat(sumMeasured / 30_000).isCloseTo(p, within(0.03));
    }
}
