package io.cohort.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Both outcomes are values: equal when their parts are, never holding a null. */
class DecodeResultTest {
    enum Fault { TRUNCATED }

    @Test
    void outcomesCompareByValue() {
        assertThat(new DecodeResult.Decoded<String, Fault>("m")).isEqualTo(new DecodeResult.Decoded<String, Fault>("m"));
        assertThat(new DecodeResult.Malformed<String, Fault>(Fault.TRUNCATED, "2 octets"))
                .isEqualTo(new DecodeResult.Malformed<String, Fault>(Fault.TRUNCATED, "2 octets"))
                .isNotEqualTo(new DecodeResult.Malformed<String, Fault>(Fault.TRUNCATED, "3 octets"));
    }

    @Test
    void aDecoderSwitchesOverBothOutcomes() {
        DecodeResult<String, Fault> r = new DecodeResult.Malformed<>(Fault.TRUNCATED, "2 octets");
        String seen = switch (r) {
            case DecodeResult.Decoded<String, Fault>(String value) -> value;
            case DecodeResult.Malformed<String, Fault>(Fault error, String detail) -> error + ": " + detail;
        };
        assertThat(seen).isEqualTo("TRUNCATED: 2 octets");
    }

    @Test
    void nothingIsNull() {
        assertThatThrownBy(() -> new DecodeResult.Decoded<String, Fault>(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new DecodeResult.Malformed<String, Fault>(null, "x"))
                .isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new DecodeResult.Malformed<String, Fault>(Fault.TRUNCATED, null))
                .isInstanceOf(NullPointerException.class);
    }
}
