package io.cohort.l2tp.control;

import static org.assertj.core.api.Assertions.assertThat;

import io.cohort.testsupport.FailingCaseReport;
import io.cohort.testsupport.SeededCases;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

@ExtendWith(FailingCaseReport.class)
class SequenceNumbersTest {

    @ParameterizedTest(name = "{0} at or before {1}: {2}")
    @CsvSource({
        // The RFC 2661 5.8 example: last received 15 -> 0..15 and 32784..65535 are "<=".
        "0, 15, true", "15, 15, true", "32784, 15, true", "65535, 15, true",
        "16, 15, false", "32783, 15, false",
        "65535, 0, true", "0, 65535, false", "32767, 0, false"
    })
    void rfcExample(int n, int last, boolean expected) {
        assertThat(SequenceNumbers.isAtOrBefore(n, last)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({"0, 1", "65534, 65535", "65535, 0"})
    void nextWraps(int n, int expected) {
        assertThat(SequenceNumbers.next(n)).isEqualTo(expected);
    }

    @ParameterizedTest
    @MethodSource("startsAndSteps")
    void forwardDistanceInverts(int from, int steps) {
        int to = (from + steps) & 0xFFFF;
        assertThat(SequenceNumbers.forwardDistance(from, to)).isEqualTo(steps);
    }

    static Stream<Arguments> startsAndSteps() {
        return SeededCases.of(1000, r -> Arguments.of(r.intBetween(0, 65535), r.intBetween(0, 65535)));
    }

    @ParameterizedTest
    @MethodSource("numbersAndDistances")
    void exactlyOneOfTwoDistinctNumbersIsAtOrBeforeTheOtherUnlessHalfwayApart(int a, int d) {
        int b = (a + d) & 0xFFFF;
        assertThat(SequenceNumbers.isAtOrBefore(a, b)).isTrue();
        assertThat(SequenceNumbers.isAtOrBefore(b, a)).isFalse();
    }

    static Stream<Arguments> numbersAndDistances() {
        return SeededCases.of(1000, r -> Arguments.of(r.intBetween(0, 65535), r.intBetween(1, 32767)));
    }
}
