package io.cohort.cluster.keepalive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cohort.testsupport.FailingCaseReport;
import io.cohort.testsupport.SeededCases;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.CsvSource;

@ExtendWith(FailingCaseReport.class)
class AdaptiveIntervalTest {
    private final AdaptiveInterval interval = new AdaptiveInterval(KeepalivePolicy.PATENT);

    /** Smallest n >= 2 with n * p^n < 1/3600 = 2.78e-4, at most 20. */
    @ParameterizedTest(name = "P = {0} -> n = {1}")
    @CsvSource({
        "0,      2",
        "0.0117, 2", // 2 * 1.37e-4 = 2.74e-4
        "0.0119, 3", // 2 * 1.42e-4 = 2.83e-4; 3 * 1.69e-6 = 5.1e-6
        "0.05,   4", // 3 * 1.25e-4 = 3.75e-4; 4 * 6.25e-6 = 2.5e-5
        "0.1,    5", // 4 * 1e-4 = 4e-4; 5 * 1e-5 = 5e-5
        "0.2,    7", // 6 * 6.4e-5 = 3.84e-4; 7 * 1.28e-5 = 9.0e-5
        "0.5,   16", // 15 / 32768 = 4.58e-4; 16 / 65536 = 2.44e-4
        "0.6,   20", // 20 * 3.66e-5 = 7.3e-4: no n in range, the largest
        "1,     20",
    })
    void lossToleranceForThePatentsHorizon(double p, int n) {
        assertThat(interval.lossTolerance(p)).isEqualTo(n);
    }

    @Test
    void theDefaultOneWeekHorizonToleratesMoreLosses() {
        // K = 3,024,000, 1/K = 3.3e-7: 5 * 0.05^5 = 1.56e-6; 6 * 0.05^6 = 9.4e-8
        AdaptiveInterval week = new AdaptiveInterval(KeepalivePolicy.DEFAULT);

        assertThat(week.lossTolerance(0.05)).isEqualTo(6);
    }

    @ParameterizedTest(name = "n = {0} -> every {1} ns")
    @CsvSource({"2, 66666666", "4, 40000000", "20, 9523809"})
    void keepalivesAreSentNPlusOneTimesPerWatchdogInterval(int n, long nanos) {
        assertThat(interval.keepaliveInterval(n)).isEqualTo(Duration.ofNanos(nanos));
        assertThat(interval.watchdogTimeout()).isEqualTo(Duration.ofMillis(200));
    }

    static Stream<Arguments> probabilities() {
        return SeededCases.of(1000, r -> Arguments.of(r.doubleBetween(0, 1)));
    }

    @ParameterizedTest
    @MethodSource("probabilities")
    void nIsTheSmallestThatMeetsTheBound(double p) {
        int n = interval.lossTolerance(p);
        double bound = 1 / 3600.0;

        assertThat(n).isBetween(2, 20);
        if (n < 20) {
            assertThat(n * Math.pow(p, n)).isLessThan(bound);
        }
        if (n > 2) {
            assertThat((n - 1) * Math.pow(p, n - 1)).isGreaterThanOrEqualTo(bound);
        }
    }

    static Stream<Arguments> probabilityPairs() {
        return SeededCases.of(1000, r -> Arguments.of(r.doubleBetween(0, 1), r.doubleBetween(0, 1)));
    }

    @ParameterizedTest
    @MethodSource("probabilityPairs")
    void moreLossNeverLowersN(double a, double b) {
        double low = Math.min(a, b);
        double high = Math.max(a, b);

        assertThat(interval.lossTolerance(high)).isGreaterThanOrEqualTo(interval.lossTolerance(low));
    }

    @Test
    void rejectsWhatIsNotAProbabilityOrAnN() {
        assertThatThrownBy(() -> interval.lossTolerance(-0.1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> interval.lossTolerance(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> interval.keepaliveInterval(1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> interval.keepaliveInterval(21)).isInstanceOf(IllegalArgumentException.class);
    }
}
