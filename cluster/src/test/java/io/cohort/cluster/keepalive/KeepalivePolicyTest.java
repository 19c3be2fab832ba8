package io.cohort.cluster.keepalive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.entry;

import io.cohort.cluster.keepalive.KeepalivePolicy.Constant;

import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class KeepalivePolicyTest {

    @Test
    void patentHasThePatentsValues() {
        KeepalivePolicy p = KeepalivePolicy.PATENT;

        assertThat(p.watchdogTimeout()).isEqualTo(Duration.ofMillis(200));
        assertThat(p.horizon()).isEqualTo(3600);
        assertThat(p.minLosses()).isEqualTo(2);
        assertThat(p.maxLosses()).isEqualTo(20);
        assertThat(p.smoothing()).isEqualTo(128);
        assertThat(p.initialLoss()).isEqualTo(0.05);
        assertThat(p.lowerAfter()).isEqualTo(512);
    }

    @Test
    void theDefaultIsThePatentsWithAOneWeekHorizon() {
        assertThat(KeepalivePolicy.DEFAULT).isEqualTo(KeepalivePolicy.PATENT.withHorizon(3_024_000));
    }

    @Test
    void horizonForAMeanTimeBetweenFalseDetections() {
        assertThat(KeepalivePolicy.DEFAULT.horizonFor(Duration.ofDays(7))).isEqualTo(3_024_000);
        assertThat(KeepalivePolicy.DEFAULT.horizonFor(Duration.ofMinutes(12))).isEqualTo(3600);
    }

    static Stream<Arguments> invalid() {
        Duration t = Duration.ofMillis(200);
        return Stream.of(
                Arguments.of("zero timeout", (Runnable) () -> new KeepalivePolicy(Duration.ZERO, 3600, 2, 20, 128, 0, 512)),
                Arguments.of("negative timeout", (Runnable) () -> new KeepalivePolicy(Duration.ofMillis(-1), 3600, 2, 20, 128, 0, 512)),
                Arguments.of("timeout shorter than n + 1 ns", (Runnable) () -> new KeepalivePolicy(Duration.ofNanos(20), 3600, 2, 20, 128, 0, 512)),
                Arguments.of("timeout below 20 ms", (Runnable) () -> new KeepalivePolicy(Duration.ofMillis(19), 3600, 1, 1, 128, 0, 512)),
                Arguments.of("timeout above 10 s", (Runnable) () -> new KeepalivePolicy(Duration.ofMillis(10_001), 3600, 2, 20, 128, 0, 512)),
                Arguments.of("K above 10^12", (Runnable) () -> new KeepalivePolicy(t, 1e12 + 1, 2, 20, 128, 0, 512)),
                Arguments.of("max above one octet", (Runnable) () -> new KeepalivePolicy(Duration.ofSeconds(1), 3600, 2, 256, 128, 0, 512)),
                Arguments.of("keepalive interval below 1 ms", (Runnable) () -> new KeepalivePolicy(Duration.ofMillis(20), 3600, 2, 20, 128, 0, 512)),
                Arguments.of("K = 1", (Runnable) () -> new KeepalivePolicy(t, 1, 2, 20, 128, 0, 512)),
                Arguments.of("K NaN", (Runnable) () -> new KeepalivePolicy(t, Double.NaN, 2, 20, 128, 0, 512)),
                Arguments.of("K infinite", (Runnable) () -> new KeepalivePolicy(t, Double.POSITIVE_INFINITY, 2, 20, 128, 0, 512)),
                Arguments.of("min 0", (Runnable) () -> new KeepalivePolicy(t, 3600, 0, 20, 128, 0, 512)),
                Arguments.of("max < min", (Runnable) () -> new KeepalivePolicy(t, 3600, 5, 4, 128, 0, 512)),
                Arguments.of("smoothing 1", (Runnable) () -> new KeepalivePolicy(t, 3600, 2, 20, 1, 0, 512)),
                Arguments.of("initial loss > 1", (Runnable) () -> new KeepalivePolicy(t, 3600, 2, 20, 128, 1.5, 512)),
                Arguments.of("lowerAfter negative", (Runnable) () -> new KeepalivePolicy(t, 3600, 2, 20, 128, 0, -1)),
                Arguments.of("initial loss NaN", (Runnable) () -> new KeepalivePolicy(t, 3600, 2, 20, 128, Double.NaN, 512)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalid")
    void rejectsInvalidConstants(String name, Runnable construct) {
        assertThatThrownBy(construct::run).isInstanceOf(InvalidKeepalivePolicyException.class);
    }

    @Test
    void theLimitsThemselvesAreValid() {
        assertThat(new KeepalivePolicy(Duration.ofMillis(20), 1e12, 1, 19, 2, 1, 0).maxLosses()).isEqualTo(19);
        assertThat(new KeepalivePolicy(Duration.ofSeconds(10), 1.0001, 255, 255, 128, 0, 512).minLosses())
                .isEqualTo(255);
    }

    @Test
    void namesEveryConstantAtFaultAndWhy() {
        InvalidKeepalivePolicyException e = catchThrowableOfType(InvalidKeepalivePolicyException.class,
                () -> new KeepalivePolicy(Duration.ofMillis(20), 1, 5, 20, 128, 0, -1));

        assertThat(e.problems()).containsOnlyKeys(Constant.HORIZON, Constant.MAX_LOSSES, Constant.LOWER_AFTER);
        assertThat(e.problems().get(Constant.HORIZON)).isEqualTo("1 is out of range: more than 1, at most 1000000000000");
        assertThat(e.problems().get(Constant.MAX_LOSSES)).isEqualTo(
                "20 is too many for a watchdog of 20ms: watchdog / (n + 1) must be at least 1ms, so at most 19");
        assertThat(e.getMessage()).contains("horizon: ", "maxLosses: ", "lowerAfter: ");
    }

    @Test
    void aMaximumBelowTheMinimumIsTheMaximumsProblem() {
        InvalidKeepalivePolicyException e = catchThrowableOfType(InvalidKeepalivePolicyException.class,
                () -> new KeepalivePolicy(Duration.ofMillis(200), 3600, 5, 4, 128, 0, 512));

        assertThat(e.problems()).containsExactly(entry(Constant.MAX_LOSSES, "4 is less than the smallest n (5)"));
    }
}
