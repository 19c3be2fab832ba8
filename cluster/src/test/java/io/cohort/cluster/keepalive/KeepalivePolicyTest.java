package io.cohort.cluster.keepalive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class KeepalivePolicyTest {

    @Test
    void defaultsAreThePatentsValues() {
        KeepalivePolicy p = KeepalivePolicy.DEFAULT;

        assertThat(p.watchdogTimeout()).isEqualTo(Duration.ofMillis(200));
        assertThat(p.horizon()).isEqualTo(3600);
        assertThat(p.minLosses()).isEqualTo(2);
        assertThat(p.maxLosses()).isEqualTo(20);
        assertThat(p.smoothing()).isEqualTo(128);
        assertThat(p.initialLoss()).isEqualTo(0.05);
        assertThat(p.lowerAfter()).isEqualTo(512);
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
        assertThatThrownBy(construct::run).isInstanceOf(IllegalArgumentException.class);
    }
}
