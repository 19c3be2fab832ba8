package io.cohort.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CaseSeedTest {
    @ParameterizedTest
    @ValueSource(longs = {0, 1, -1, Long.MIN_VALUE, Long.MAX_VALUE, 0x5deece66dL})
    void theNameShowsTheSeedAndParsesBack(long seed) {
        String name = CaseSeed.name(seed);

        assertThat(name).matches("seed=0x[0-9a-f]{16}");
        assertThat(CaseSeed.parse(CaseSeed.format(seed))).isEqualTo(seed);
        assertThat(CaseSeed.in("[17] " + name)).contains(seed);
    }

    @Test
    void decimalAndShortHexAreAcceptedToo() {
        assertThat(CaseSeed.parse("-42")).isEqualTo(-42);
        assertThat(CaseSeed.parse(" 0x2a ")).isEqualTo(42);
        assertThat(CaseSeed.parse("0XFFFFFFFFFFFFFFFF")).isEqualTo(-1);
    }

    @Test
    void anythingElseIsRefusedNamingTheProperty() {
        assertThatThrownBy(() -> CaseSeed.parse("seven")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("-Dcohort.seed=seven");
        assertThatThrownBy(() -> CaseSeed.parse("0x1ffffffffffffffff")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aNameWithoutASeedHasNone() {
        assertThat(CaseSeed.in("[3] 7, \"x\"")).isEmpty();
    }
}
