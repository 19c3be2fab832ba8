package io.cohort.dataplane.tcprepair;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.InetSocketAddress;
import java.nio.ByteOrder;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class TcpRepairOptionTest {
    private static final InetSocketAddress SERVER = new InetSocketAddress("10.1.0.1", 1723);
    private static final InetSocketAddress CLIENT = new InetSocketAddress("10.1.0.9", 40000);

    @Test
    void replaysEveryNegotiatedOptionWithTheWindowShiftsPacked() {
        TcpConnectionInitialState initial = new TcpConnectionInitialState(SERVER, CLIENT, 1448, true, 7, 9, true, true);

        assertThat(TcpRepairOption.negotiatedBy(initial)).containsExactly(
                new TcpRepairOption(2, 1448), new TcpRepairOption(3, 7 | 9 << 16),
                new TcpRepairOption(4, 0), new TcpRepairOption(8, 0));
    }

    @Test
    void replaysOnlyTheMssWhenTheHandshakeNegotiatedNothingElse() {
        TcpConnectionInitialState initial = new TcpConnectionInitialState(SERVER, CLIENT, 536, false, 0, 0, false, false);

        assertThat(TcpRepairOption.negotiatedBy(initial)).containsExactly(new TcpRepairOption(2, 536));
    }

    @Test
    void encodesAnArrayOfStructTcpRepairOpt() {
        assumeTrue(ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN);
        byte[] array = TcpRepairOption.encode(List.of(new TcpRepairOption(2, 1460), new TcpRepairOption(3, 0x00070007),
                new TcpRepairOption(4, 0), new TcpRepairOption(8, 0)));

        assertThat(HexFormat.of().formatHex(array)).isEqualTo(
                "02000000b4050000" + "0300000007000700" + "0400000000000000" + "0800000000000000");
    }
}
