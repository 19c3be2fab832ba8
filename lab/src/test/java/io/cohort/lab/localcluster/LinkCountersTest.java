package io.cohort.lab.localcluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class LinkCountersTest {
    /** {@code /proc/net/dev} of a member's namespace (Linux 6.x layout: two header lines, then one line per device). */
    private static final String PROC_NET_DEV = """
            Inter-|   Receive                                                |  Transmit
             face |bytes    packets errs drop fifo frame compressed multicast|bytes    packets errs drop fifo colls carrier compressed
                lo:       0       0    0    0    0     0          0         0        0       0    0    0    0     0       0          0
              eth0:  123456     789    0    0    0     0          0        12   654321     987    0    0    0     0       0          0
            cohort0:      0       0    0    0    0     0          0         0        0       0    0    3    0     0       0          0
            """;

    @Test
    void readsTheReceiveAndTransmitColumnsOfOneDevice() {
        assertThat(LinkCounters.parse(PROC_NET_DEV, "eth0")).isEqualTo(new LinkCounters(123456, 789, 654321, 987));
    }

    @Test
    void aDeviceNamePrefixIsNotTheDevice() {
        assertThatThrownBy(() -> LinkCounters.parse(PROC_NET_DEV, "eth")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no interface eth");
    }
}
