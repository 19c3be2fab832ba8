package io.cohort.cluster.keepalive;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LoopLivenessTest {
    private static final long MS = 1_000_000;

    @Test
    void aTimerOverdueByMoreThanTheToleranceMeansTheLoopIsBehind() {
        LoopLiveness loop = new LoopLiveness(20 * MS);
        assertThat(loop.current(0)).isTrue(); // nothing expected yet

        loop.expect(100 * MS);
        assertThat(loop.current(50 * MS)).isTrue();
        assertThat(loop.current(120 * MS)).isTrue();
        assertThat(loop.current(120 * MS + 1)).isFalse();
        assertThat(loop.lateness(50 * MS)).isZero();
        assertThat(loop.lateness(3_100 * MS)).isEqualTo(3_000 * MS);
        assertThat(loop.late(20 * MS)).isFalse();
        assertThat(loop.late(20 * MS + 1)).isTrue();

        loop.expect(3_166 * MS); // the overdue timer ran and scheduled the next
        assertThat(loop.current(3_100 * MS)).isTrue();
    }
}
