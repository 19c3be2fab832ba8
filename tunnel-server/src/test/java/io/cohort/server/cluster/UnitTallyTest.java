package io.cohort.server.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.cohort.cluster.unit.WorkUnit;
import org.junit.jupiter.api.Test;

class UnitTallyTest {
    private final UnitTally tally = new UnitTally();

    @Test
    void aUnitIsBusyFromItsFirstTunnelUntilItsLastGoes() {
        WorkUnit unit = WorkUnit.of(5);
        assertThat(tally.any(unit)).isFalse();

        tally.add(unit);
        tally.add(unit);
        tally.remove(unit);
        assertThat(tally.any(unit)).isTrue();
        assertThat(tally.any(WorkUnit.of(6))).isFalse();

        tally.remove(unit);
        assertThat(tally.any(unit)).isFalse();
    }

    @Test
    void neverCountsBelowNone() {
        WorkUnit unit = WorkUnit.of(1023);
        tally.remove(unit);
        tally.add(unit);

        assertThat(tally.any(unit)).isTrue();
    }
}
