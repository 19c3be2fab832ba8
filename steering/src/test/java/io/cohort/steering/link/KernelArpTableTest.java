package io.cohort.steering.link;

import static io.cohort.steering.link.LinkFixtures.CLIENT_IP;
import static io.cohort.steering.link.LinkFixtures.OWNER_IP;
import static io.cohort.steering.link.LinkFixtures.ipv4;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.pcap4j.util.MacAddress;

class KernelArpTableTest {
    /** /proc/net/arp as Linux 6.1 prints it: a complete entry, an incomplete one, another device's. */
    private static final String TABLE = """
            IP address       HW type     Flags       HW address            Mask     Device
            10.77.0.2        0x1         0x2         52:54:00:00:00:02     *        eth0
            10.77.0.10       0x1         0x0         00:00:00:00:00:00     *        eth0
            10.77.0.3        0x1         0x2         52:54:00:00:00:03     *        eth1
            """;

    @Test
    void findsCompleteEntriesOnTheDevice() {
        assertThat(KernelArpTable.find(TABLE, OWNER_IP, "eth0")).contains(MacAddress.getByName("52:54:00:00:00:02"));
        assertThat(KernelArpTable.find(TABLE, CLIENT_IP, "eth0")).isEmpty();
        assertThat(KernelArpTable.find(TABLE, ipv4("10.77.0.3"), "eth0")).isEmpty();
        assertThat(KernelArpTable.find(TABLE, ipv4("10.77.0.3"), "eth1")).isPresent();
    }

    @Test
    void anUnreadableTableHasNoEntries() {
        assertThat(new KernelArpTable(Path.of("/nonexistent/arp")).lookup(OWNER_IP, "eth0")).isEmpty();
    }

    @Test
    void malformedLinesAreSkippedNotThrown() {
        assertThat(KernelArpTable.find("header\n10.77.0.2 0x1 zz 52:54 * eth0\n", OWNER_IP, "eth0")).isEmpty();
    }
}
