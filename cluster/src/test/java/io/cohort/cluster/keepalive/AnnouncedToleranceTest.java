package io.cohort.cluster.keepalive;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

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

    @Property
    void withoutHoldItIsThePatentsN(@ForAll @Size(max = 50) List<@DoubleRange(min = 0, max = 1) Double> losses) {
        AnnouncedTolerance t = new AnnouncedTolerance(KeepalivePolicy.PATENT.withLowerAfter(0));
        AdaptiveInterval interval = new AdaptiveInterval(KeepalivePolicy.PATENT);
        for (double p : losses) {
            assertThat(t.update(p)).isEqualTo(interval.lossTolerance(p));
        }
    }

    @Property
    void neverAnnouncesLessThanThePatentsN(@ForAll @Size(max = 50) List<@DoubleRange(min = 0, max = 1) Double> losses) {
        AnnouncedTolerance t = new AnnouncedTolerance(HOLD_3);
        AdaptiveInterval interval = new AdaptiveInterval(KeepalivePolicy.PATENT);
        for (double p : losses) {
            assertThat(t.update(p)).isGreaterThanOrEqualTo(interval.lossTolerance(p));
        }
    }
}
