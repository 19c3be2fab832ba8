package io.cohort.cluster.keepalive;

import static org.assertj.core.api.Assertions.assertThat;

import io.cohort.testsupport.FailingCaseReport;
import io.cohort.testsupport.SeededCases;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

@ExtendWith(FailingCaseReport.class)
class AnnouncedToleranceTest {
    private static final KeepalivePolicy HOLD_3 = KeepalivePolicy.PATENT.withLowerAfter(3);

    @Test
    void startsFromTheInitialLoss() {
        assertThat(new AnnouncedTolerance(KeepalivePolicy.PATENT).current()).isEqualTo(4); // P = 5 %
    }

    @Test
    void raisesAtOnceAndLowersOneStepAfterEnoughIntervals() {
        AnnouncedTolerance t = new AnnouncedTolerance(HOLD_3);

        assertThat(t.update(0.1)).isEqualTo(5);
        assertThat(t.update(0)).isEqualTo(5);
        assertThat(t.update(0)).isEqualTo(5);
        assertThat(t.update(0)).isEqualTo(4); // third interval in a row where 2 would do
        assertThat(t.update(0)).isEqualTo(4);
        assertThat(t.update(0.05)).isEqualTo(4); // wants 4: the count starts again
        assertThat(t.update(0)).isEqualTo(4);
        assertThat(t.update(0)).isEqualTo(4);
        assertThat(t.update(0)).isEqualTo(3);
        assertThat(t.update(0.2)).isEqualTo(7);
    }

    static Stream<Arguments> lossSequences() {
        return SeededCases.of(1000, r -> Arguments.of(r.listOf(0, 50, s -> s.doubleBetween(0, 1))));
    }

    @ParameterizedTest
    @MethodSource("lossSequences")
    void withoutHoldItIsThePatentsN(List<Double> losses) {
        AnnouncedTolerance t = new AnnouncedTolerance(KeepalivePolicy.PATENT.withLowerAfter(0));
        AdaptiveInterval interval = new AdaptiveInterval(KeepalivePolicy.PATENT);
        for (double p : losses) {
            assertThat(t.update(p)).isEqualTo(interval.lossTolerance(p));
        }
    }

    @ParameterizedTest
    @MethodSource("lossSequences")
    void neverAnnouncesLessThanThePatentsN(List<Double> losses) {
        AnnouncedTolerance t = new AnnouncedTolerance(HOLD_3);
        AdaptiveInterval interval = new AdaptiveInterval(KeepalivePolicy.PATENT);
        for (double p : losses) {
            assertThat(t.update(p)).isGreaterThanOrEqualTo(interval.lossTolerance(p));
        }
    }
}
