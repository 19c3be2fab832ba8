package io.cohort.dataplane.packet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class PacketMembershipRequestTest {
    @Test
    void layoutIsStructPacketMreq() {
        assertThat(PacketMembershipRequest.LAYOUT.byteSize()).isEqualTo(16);
    }

    @Test
    void carriesIndexTypeLengthAndAddress() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment request = PacketMembershipRequest.multicast(arena, 3, HexFormat.of().parseHex("03bf0a4d0064"));
            assertThat(HexFormat.of().formatHex(request.toArray(ValueLayout.JAVA_BYTE)))
                    .isEqualTo("03000000" + "0000" + "0600" + "03bf0a4d0064" + "0000");
        }
    }

    @Test
    void rejectsAddressesThatDoNotFit() {
        try (Arena arena = Arena.ofConfined()) {
            assertThatThrownBy(() -> PacketMembershipRequest.multicast(arena, 3, new byte[9]))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }
}
