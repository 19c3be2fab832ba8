package io.cohort.pptp.gre;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** RFC 2637 4.4.1 and 4.4.2 with the suggested gains, worked by hand in milliseconds. */
class AdaptiveTimeoutTest {

    static Stream<Arguments> histories() {
        return Stream.of(
                // PPD seeds RTT, DEV starts at 0: ATO = PPD
                Arguments.of("no sample yet", 800, List.of(), 800),
                // DIFF = 400-800 = -400; DEV = 0 + (400-0)/4 = 100; RTT = 800 - 50 = 750; ATO = 750 + 400
                Arguments.of("one faster sample", 800, List.of(400L), 1150),
                // DIFF = 0 twice: DEV 0 -> 0, RTT stays
                Arguments.of("samples equal to RTT", 800, List.of(800L, 800L), 800),
                // RTT 800 -> 1600 (delta 2), DEV 0: ATO 1600
                Arguments.of("a time-out doubles RTT", 800, List.of(-1L), 1600),
                // capped at MaxTimeOut 4000
                Arguments.of("back-off is capped", 800, List.of(-1L, -1L, -1L, -1L), 4000),
                // floored at MinTimeOut 100
                Arguments.of("small RTT is floored", 0, List.of(), 100));
    }

    /** A sample of -1 stands for a time-out. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("histories")
    void adaptiveTimeOut(String what, long ppdMillis, List<Long> samples, long expectedMillis) {
        AdaptiveTimeout t = new AdaptiveTimeout(Duration.ofMillis(ppdMillis), Duration.ofMillis(100),
                Duration.ofMillis(4000));
        for (long s : samples) {
            if (s < 0) {
                t.backOff();
            } else {
                t.sample(Duration.ofMillis(s).toNanos());
            }
        }

        assertThat(t.timeout()).isEqualTo(Duration.ofMillis(expectedMillis));
    }
}
