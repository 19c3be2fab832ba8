package io.cohort.dataplane.tcprepair;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.cohort.testsupport.FailingCaseReport;
import io.cohort.testsupport.SeededCases;
import java.nio.ByteOrder;
import java.util.HexFormat;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

@ExtendWith(FailingCaseReport.class)
class TcpRepairWindowTest {
    /** snd_wl1 0x89abcdef, snd_wnd 64240, max_window 65535, rcv_wnd 65483, rcv_wup 0x01020304 on little-endian x86-64. */
    private static final String GOLDEN_LITTLE_ENDIAN = "efcdab89" + "f0fa0000" + "ffff0000" + "cbff0000" + "04030201";

    @Test
    void encodesFiveHostOrderU32sInStructOrder() {
        assumeTrue(ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN);
        TcpRepairWindow window = new TcpRepairWindow(0x89abcdef, 64240, 65535, 65483, 0x01020304);

        assertThat(HexFormat.of().formatHex(window.encode())).isEqualTo(GOLDEN_LITTLE_ENDIAN);
        assertThat(TcpRepairWindow.decode(HexFormat.of().parseHex(GOLDEN_LITTLE_ENDIAN))).isEqualTo(window);
    }

    @Test
    void rejectsAStructOfAnotherSize() {
        assertThatThrownBy(() -> TcpRepairWindow.decode(new byte[16])).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void rejectsAMaxWindowBelowTheSendWindowAsTheKernelWould() {
        assertThatThrownBy(() -> new TcpRepairWindow(0, 1000, 999, 0, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThat(new TcpRepairWindow(0, 0x8000_0000, 0xFFFF_FFFF, 0, 0).maxWindow()).isEqualTo(0xFFFF_FFFF);
    }

    @ParameterizedTest
    @MethodSource("windows")
    void decodeReadsWhatEncodeWrote(TcpRepairWindow window) {
        assertThat(TcpRepairWindow.decode(window.encode())).isEqualTo(window);
    }

    static Stream<Arguments> windows() {
        return SeededCases.of(500, random -> {
            int sendWindow = random.anyInt();
            int maxWindow = random.satisfying(r -> r.anyInt(), m -> Integer.compareUnsigned(m, sendWindow) >= 0);
            return Arguments.of(new TcpRepairWindow(random.anyInt(), sendWindow, maxWindow, random.anyInt(),
                    random.anyInt()));
        });
    }
}
