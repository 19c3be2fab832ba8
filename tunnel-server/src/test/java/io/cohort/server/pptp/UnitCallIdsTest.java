package io.cohort.server.pptp;

import static org.assertj.core.api.Assertions.assertThat;

import io.cohort.cluster.unit.UnitIdAllocator;
import io.cohort.cluster.unit.UnitIdSpace;
import io.cohort.cluster.unit.WorkUnit;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** A control connection's Call IDs are of its unit, and unique across the member's connections. */
class UnitCallIdsTest {
    @Test
    void callIdsAreOfTheConnectionsUnitAndSharedWithTheMembersOtherConnections() {
        UnitIdAllocator member = new UnitIdAllocator(new SplittableRandom(3));
        UnitCallIds first = new UnitCallIds(member, WorkUnit.of(517));
        UnitCallIds second = new UnitCallIds(member, WorkUnit.of(517));
        UnitCallIds other = new UnitCallIds(member, WorkUnit.of(9));

        int a = first.allocate().orElseThrow();
        int b = second.allocate().orElseThrow();
        int c = other.allocate().orElseThrow();

        assertThat(UnitIdSpace.unitOf(a)).isEqualTo(WorkUnit.of(517));
        assertThat(UnitIdSpace.unitOf(b)).isEqualTo(WorkUnit.of(517));
        assertThat(UnitIdSpace.unitOf(c)).isEqualTo(WorkUnit.of(9));
        assertThat(a).isNotEqualTo(b);
        assertThat(second.inUse(a)).isTrue();
        assertThat(first.allocated()).isEqualTo(3);
        first.release(a);
        assertThat(second.inUse(a)).isFalse();
    }
}
