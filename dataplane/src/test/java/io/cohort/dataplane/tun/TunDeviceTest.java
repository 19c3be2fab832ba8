package io.cohort.dataplane.tun;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TunDeviceTest {
    @Test
    void tunsetiffRequestNumberIsIowT202Int() {
        long iow = (1L << 30) | ((long) Integer.BYTES << 16) | ('T' << 8) | 202;
        assertThat(TunDevice.TUNSETIFF).isEqualTo(iow);
    }

    @Test
    void layer3WithoutPacketInformation() {
        assertThat(TunDevice.IFF_TUN | TunDevice.IFF_NO_PI).isEqualTo(0x1001);
    }
}
