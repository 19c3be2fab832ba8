package io.cohort.dataplane.tcprepair;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.InetSocketAddress;
import java.nio.ByteOrder;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class SockaddrInTest {
    @Test
    void familyInHostOrderPortAndAddressInNetworkOrder() {
        assumeTrue(ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN);
        InetSocketAddress pptp = new InetSocketAddress("10.1.0.1", 1723);

        assertThat(HexFormat.of().formatHex(SockaddrIn.encode(pptp))).isEqualTo("020006bb0a010001" + "0000000000000000");
        assertThat(SockaddrIn.decode(SockaddrIn.encode(pptp))).isEqualTo(pptp);
    }

    @Test
    void rejectsOtherFamilies() {
        assertThatThrownBy(() -> SockaddrIn.decode(new byte[16])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SockaddrIn.encode(new InetSocketAddress("::1", 1)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
