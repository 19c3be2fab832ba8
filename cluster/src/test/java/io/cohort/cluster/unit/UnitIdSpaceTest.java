package io.cohort.cluster.unit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class UnitIdSpaceTest {

    @Test
    void everyUnitHas64IdentifiersExceptUnitZeroWhichLosesIdentifierZero() {
        int[] perUnit = new int[WorkUnit.COUNT];
        for (int id = 1; id <= UnitIdSpace.MAX_ID; id++) {
            perUnit[UnitIdSpace.unitOf(id).value()]++;
        }

        assertThat(perUnit[0]).isEqualTo(63);
        for (int u = 1; u < WorkUnit.COUNT; u++) {
            assertThat(perUnit[u]).as("unit %d", u).isEqualTo(UnitIdSpace.IDS_PER_UNIT);
        }
    }

    @Test
    void unitAndSlotAreABijectionWithTheIdentifiers() {
        for (int id = 1; id <= UnitIdSpace.MAX_ID; id++) {
            assertThat(UnitIdSpace.id(UnitIdSpace.unitOf(id), UnitIdSpace.slot(id))).isEqualTo(id);
        }
    }

    @ParameterizedTest(name = "unit {0} slot {1} -> {2}")
    @CsvSource({
        "0,    0, 0x0000", // reserved, never allocated
        "0,    1, 0x0400", // 1 << 10 | 0
        "564,  4, 0x1234", // 4 << 10 | 0x234
        "1023, 63, 0xFFFF", // 63 << 10 | 0x3FF
        "1,    0, 0x0001",
    })
    void identifierOfASlot(int unit, int slot, String id) {
        assertThat(UnitIdSpace.id(WorkUnit.of(unit), slot)).isEqualTo(Integer.decode(id));
    }

    @Test
    void identifiersOfAUnitClassifyToIt() {
        for (int u = 0; u < WorkUnit.COUNT; u++) {
            for (int slot = u == 0 ? 1 : 0; slot < UnitIdSpace.IDS_PER_UNIT; slot++) {
                int id = UnitIdSpace.id(WorkUnit.of(u), slot);
                assertThat(WorkFilter.classify(new FlowKey.L2tpTunnel(id))).isEqualTo(WorkUnit.of(u));
            }
        }
    }

    @Test
    void theUnitIsTheLowTenBitsAsTheKernelMatchesThem() {
        // the kernel filter matches a GRE Call ID with @th,48,16 & 0x3ff
        for (int id = 1; id <= UnitIdSpace.MAX_ID; id++) {
            assertThat(UnitIdSpace.unitOf(id).value()).isEqualTo(id & 0x3FF);
            assertThat(UnitIdSpace.slot(id)).isEqualTo(id >>> 10);
        }
    }

    @Test
    void zeroAndOutOfRangeValuesAreNotIdentifiers() {
        assertThatThrownBy(() -> UnitIdSpace.unitOf(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> UnitIdSpace.unitOf(0x10000)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new FlowKey.PptpCall(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> UnitIdSpace.id(WorkUnit.of(1), 64)).isInstanceOf(IllegalArgumentException.class);
    }
}
