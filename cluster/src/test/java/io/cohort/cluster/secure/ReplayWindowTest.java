package io.cohort.cluster.secure;

import static org.assertj.core.api.Assertions.assertThat;

import io.cohort.testsupport.FailingCaseReport;
import io.cohort.testsupport.SeededCases;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

@ExtendWith(FailingCaseReport.class)
class ReplayWindowTest {
    private final ReplayWindow window = new ReplayWindow();

    private boolean offer(long sequence) {
        if (!window.isFresh(sequence)) {
            return false;
        }
        window.accept(sequence);
        return true;
    }

    @Test
    void inOrderAndReorderedWithinTheWindowAreAcceptedOnce() {
        assertThat(offer(1)).isTrue();
        assertThat(offer(3)).isTrue();
        assertThat(offer(2)).isTrue();
        assertThat(offer(2)).isFalse();
        assertThat(offer(3)).isFalse();
        assertThat(offer(0)).isFalse();
        assertThat(window.highest()).isEqualTo(3);
    }

    @Test
    void theWindowCoversExactly1024Numbers() {
        assertThat(offer(2000)).isTrue();
        assertThat(offer(2000 - 1023)).isTrue();
        assertThat(offer(2000 - 1024)).isFalse();
        assertThat(offer(5000)).isTrue(); // a jump beyond the window forgets everything below
        assertThat(offer(5000 - 1023)).isTrue();
        assertThat(offer(2000)).isFalse();
    }

    @Test
    void unsignedNumbersAboveLongMaxWork() {
        assertThat(offer(Long.MAX_VALUE)).isTrue();
        assertThat(offer(Long.MIN_VALUE)).isTrue(); // 2^63
        assertThat(offer(-1L)).isTrue(); // 2^64 - 1
        assertThat(offer(Long.MIN_VALUE)).isFalse();
    }

    /** Against a model that remembers everything: fresh iff never seen and within 1024 of the highest. */
    static Stream<Arguments> sequenceLists() {
        return SeededCases.of(300, r -> Arguments.of(r.listOf(0, 300, s -> s.longBetween(1, 3000))));
    }

    @ParameterizedTest
    @MethodSource("sequenceLists")
    void agreesWithAModelThatRemembersEverything(List<Long> sequences) {
        ReplayWindow fresh = new ReplayWindow();
        Set<Long> seen = new HashSet<>();
        long highest = 0;
        for (long s : sequences) {
            boolean expected = !seen.contains(s) && s > highest - ReplayWindow.SIZE;
            boolean accepted = fresh.isFresh(s);
            if (accepted) {
                fresh.accept(s);
            }
            assertThat(accepted).as("sequence %d after %s", s, seen).isEqualTo(expected);
            if (expected) {
                seen.add(s);
                highest = Math.max(highest, s);
            }
        }
    }
}
