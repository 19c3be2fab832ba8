package io.cohort.l2tp.control;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

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

    @Property
    void forwardDistanceInverts(@ForAll @IntRange(max = 65535) int from, @ForAll @IntRange(max = 65535) int steps) {
        int to = (from + steps) & 0xFFFF;
        assertThat(SequenceNumbers.forwardDistance(from, to)).isEqualTo(steps);
    }

    @Property
    void exactlyOneOfTwoDistinctNumbersIsAtOrBeforeTheOtherUnlessHalfwayApart(
            @ForAll @IntRange(max = 65535) int a, @ForAll @IntRange(min = 1, max = 32767) int d) {
        int b = (a + d) & 0xFFFF;
        assertThat(SequenceNumbers.isAtOrBefore(a, b)).isTrue();
        assertThat(SequenceNumbers.isAtOrBefore(b, a)).isFalse();
    }
}
