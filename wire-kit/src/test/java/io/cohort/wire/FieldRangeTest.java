package io.cohort.wire;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The bounds of each unsigned width, and what a fixed-size Latin-1 text field may hold. */
class FieldRangeTest {
    @Test
    void unsignedBoundsAreInclusive() {
        assertThatCode(() -> {
            FieldRange.u8("f", 0);
            FieldRange.u8("f", 0xFF);
            FieldRange.u16("f", 0);
            FieldRange.u16("f", 0xFFFF);
            FieldRange.u32("f", 0);
            FieldRange.u32("f", 0xFFFF_FFFFL);
        }).doesNotThrowAnyException();
    }

    @Test
    void outOfRangeNamesTheFieldAndTheValue() {
        assertThatThrownBy(() -> FieldRange.u8("version", 256)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("version out of range 0..255: 256");
        assertThatThrownBy(() -> FieldRange.u8("version", -1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> FieldRange.u16("tunnelId", 0x1_0000)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("tunnelId out of range 0..65535: 65536");
        assertThatThrownBy(() -> FieldRange.u16("tunnelId", -1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> FieldRange.u32("serial", 0x1_0000_0000L)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("serial out of range 0..2^32-1: 4294967296");
        assertThatThrownBy(() -> FieldRange.u32("serial", -1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void latin1TextFitsItsFieldWithoutNul() {
        assertThatCode(() -> FieldRange.latin1("host", "caf\u00e9", 4)).doesNotThrowAnyException();
        assertThatCode(() -> FieldRange.latin1("host", "", 0)).doesNotThrowAnyException();
        assertThatThrownBy(() -> FieldRange.latin1("host", "abcde", 4)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("host longer than 4 octets");
    }

    @ParameterizedTest
    @ValueSource(strings = {"a\u0000b", "\u0100", "\u20ac"})
    void nulAndCharactersBeyondLatin1AreRefused(String text) {
        assertThatThrownBy(() -> FieldRange.latin1("vendor", text, 64)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("vendor");
    }
}
