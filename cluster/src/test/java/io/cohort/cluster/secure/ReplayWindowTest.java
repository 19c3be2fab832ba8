package io.cohort.cluster.secure;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

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
    @Property(tries = 300)
    void agreesWithAModelThatRemembersEverything(@ForAll @Size(max = 300) List<@LongRange(min = 1, max = 3000) Long> sequences) {
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
