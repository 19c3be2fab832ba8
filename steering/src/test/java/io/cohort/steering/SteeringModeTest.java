package io.cohort.steering;

import static io.cohort.steering.ModeFixtures.CLUSTER_IP;
import static io.cohort.steering.ModeFixtures.OWN_MAC;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.pcap4j.util.MacAddress;

/** What every mode shares: configuration names and the choice between a configured and the default MAC. */
class SteeringModeTest {
    @Test
    void modesAreFoundByTheirConfigurationNames() {
        assertThat(SteeringMode.ALL).extracting(SteeringMode::configName)
                .containsExactly("forwarding", "unicast", "multicast");
        assertThat(SteeringMode.byConfigName(" Unicast ")).containsSame(SteeringMode.UNICAST);
        assertThat(SteeringMode.byConfigName("none")).isEmpty();
        assertThat(SteeringMode.MULTICAST).hasToString("multicast");
    }

    @Test
    void parsingTakesNoneAsNoModeAndListsTheValuesOfAnUnknownOne() {
        assertThat(SteeringMode.parse("NONE")).isEmpty();
        assertThat(SteeringMode.parse("forwarding")).containsSame(SteeringMode.FORWARDING);
        assertThatThrownBy(() -> SteeringMode.parse("anycast")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown steering mode 'anycast' (none, forwarding, unicast, multicast)");
    }

    @Test
    void aConfiguredMacIsUsedIfItSuitsTheMode() {
        MacAddress multicast = MacAddress.getByName("03:bf:01:02:03:04");

        assertThat(SteeringMode.MULTICAST.steeringMac(CLUSTER_IP, Optional.of(multicast), OWN_MAC)).isEqualTo(multicast);
        assertThat(SteeringMode.MULTICAST.steeringMac(CLUSTER_IP, Optional.empty(), OWN_MAC))
                .isEqualTo(SteeringMode.MULTICAST.defaultMac(CLUSTER_IP, OWN_MAC));
        assertThat(SteeringMode.FORWARDING.steeringMac(CLUSTER_IP, Optional.empty(), OWN_MAC)).isEqualTo(OWN_MAC);
        assertThatThrownBy(() -> SteeringMode.UNICAST.steeringMac(CLUSTER_IP, Optional.of(multicast), OWN_MAC))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("needs a unicast one");
        assertThatThrownBy(() -> SteeringMode.MULTICAST.steeringMac(CLUSTER_IP, Optional.of(OWN_MAC), OWN_MAC))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("group bit");
        assertThatThrownBy(() -> SteeringMode.MULTICAST.steeringMac(CLUSTER_IP,
                Optional.of(MacAddress.ETHER_BROADCAST_ADDRESS), OWN_MAC)).isInstanceOf(IllegalArgumentException.class);
    }
}
