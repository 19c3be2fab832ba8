package io.cohort.dataplane.netlink;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class NetlinkRequestTest {
    @Test
    void attributesArePaddedToFourBytesAndLengthExcludesPadding() {
        byte[] encoded = NetlinkRequest.of(16, 1).u8(0).attribute(3, new byte[] {'l', 'o', 0}).encode(1);
        assertThat(HexFormat.of().formatHex(encoded)).isEqualTo(
                "1c000000" + "1000" + "0100" + "01000000" + "00000000" + "00000000" + "0700" + "0300" + "6c6f0000");
    }

    @Test
    void headerCarriesTotalLengthAndSequence() {
        byte[] encoded = NetlinkRequest.of(24, 5).u32(0).attributeU32(4, 2).encode(0x01020304);
        assertThat(encoded).hasSize(28);
        assertThat(HexFormat.of().formatHex(encoded, 0, 12)).isEqualTo("1c000000" + "1800" + "0500" + "04030201");
    }
}
