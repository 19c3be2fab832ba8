package io.cohort.steering;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.Inet4Address;
import java.net.InetAddress;
import org.junit.jupiter.api.Test;
import org.pcap4j.util.MacAddress;

class SteeringModeTest {
    private static final MacAddress OWN = MacAddress.getByName("52:54:00:12:34:56");

    @Test
    void defaultMacsFollowTheClusterIp() throws Exception {
        Inet4Address cip = (Inet4Address) InetAddress.getByName("10.77.0.100");

        assertThat(SteeringMode.FORWARDING.defaultMac(cip, OWN)).isEqualTo(OWN);
        assertThat(SteeringMode.UNICAST.defaultMac(cip, OWN).toString()).isEqualTo("02:bf:0a:4d:00:64");
        assertThat(SteeringMode.MULTICAST.defaultMac(cip, OWN).toString()).isEqualTo("03:bf:0a:4d:00:64");
        assertThat(SteeringMode.UNICAST.defaultMac(cip, OWN).isUnicast()).isTrue();
        assertThat(SteeringMode.MULTICAST.defaultMac(cip, OWN).isUnicast()).isFalse();
    }

    @Test
    void configuredMacsMustSuitTheMode() {
        MacAddress multicast = MacAddress.getByName("03:bf:01:02:03:04");

        assertThat(SteeringMode.MULTICAST.requireSuitable(multicast)).isEqualTo(multicast);
        assertThat(SteeringMode.UNICAST.requireSuitable(OWN)).isEqualTo(OWN);
        assertThatThrownBy(() -> SteeringMode.UNICAST.requireSuitable(multicast))
                .hasMessageContaining("needs a unicast MAC");
        assertThatThrownBy(() -> SteeringMode.MULTICAST.requireSuitable(OWN)).hasMessageContaining("needs a multicast MAC");
        assertThatThrownBy(() -> SteeringMode.MULTICAST.requireSuitable(MacAddress.ETHER_BROADCAST_ADDRESS))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
