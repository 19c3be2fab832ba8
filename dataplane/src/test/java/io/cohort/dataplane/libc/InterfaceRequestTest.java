package io.cohort.dataplane.libc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import org.junit.jupiter.api.Test;

class InterfaceRequestTest {
    @Test
    void layoutIsStructIfreq() {
        assertThat(InterfaceRequest.LAYOUT.byteSize()).isEqualTo(40);
        assertThat(InterfaceRequest.FLAGS_OFFSET).isEqualTo(16);
    }

    @Test
    void carriesNameAndFlags() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment request = InterfaceRequest.of(arena, "tun%d", (short) 0x1001);
            assertThat(InterfaceRequest.name(request)).isEqualTo("tun%d");
            assertThat(request.get(ValueLayout.JAVA_SHORT, 16)).isEqualTo((short) 0x1001);
            assertThat(request.get(ValueLayout.JAVA_BYTE, 5)).isZero();
        }
    }

    @Test
    void rejectsNamesTheKernelCannotHold() {
        try (Arena arena = Arena.ofConfined()) {
            assertThatThrownBy(() -> InterfaceRequest.of(arena, "sixteen-chars-xx", (short) 0))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }
}
