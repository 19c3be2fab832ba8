package io.cohort.cluster.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.cohort.cluster.unit.WorkUnit;
import java.util.Set;
import org.junit.jupiter.api.Test;

class OwnedUnitsTest {
    @Test
    void tracksAssignedAndRevokedUnitsAcrossTheWholeRange() {
        OwnedUnits owned = new OwnedUnits();
        owned.unitsAssigned(Set.of(WorkUnit.of(0), WorkUnit.of(63), WorkUnit.of(64), WorkUnit.of(1023)));
        owned.unitsRevoked(Set.of(WorkUnit.of(63)));

        assertThat(owned.contains(WorkUnit.of(0))).isTrue();
        assertThat(owned.contains(WorkUnit.of(63))).isFalse();
        assertThat(owned.contains(WorkUnit.of(64))).isTrue();
        assertThat(owned.contains(WorkUnit.of(1023))).isTrue();
        assertThat(owned.contains(WorkUnit.of(1))).isFalse();
    }
}
