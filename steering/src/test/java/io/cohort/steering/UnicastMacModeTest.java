package io.cohort.steering;

import static io.cohort.steering.ModeFixtures.BASE_FILTER;
import static io.cohort.steering.ModeFixtures.CLUSTER_IP;
import static io.cohort.steering.ModeFixtures.OTHER;
import static io.cohort.steering.ModeFixtures.OWN_MAC;
import static io.cohort.steering.ModeFixtures.SELF;
import static io.cohort.steering.ModeFixtures.V6_ONLY;
import static org.assertj.core.api.Assertions.assertThat;

import io.cohort.steering.kernel.KernelFilterSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;
import org.pcap4j.util.MacAddress;

/** Method 2: a cluster-wide unicast MAC, flooded to promiscuous members. */
class UnicastMacModeTest {
    private static final SteeringMode MODE = SteeringMode.UNICAST;
    static final UnitOwner[] OWNERS = {SELF, OTHER, V6_ONLY};

    @Test
    void theDefaultMacIsLocallyAdministeredUnicastAndFollowsTheClusterIp() {
        MacAddress mac = MODE.defaultMac(CLUSTER_IP, OWN_MAC);
        assertThat(mac.toString()).isEqualTo("02:bf:0a:4d:00:64");
        assertThat(mac.isUnicast()).isTrue();
    }

    @Test
    void aConfiguredMacMustBeUnicast() {
        assertThat(MODE.macProblem(OWN_MAC)).isEmpty();
        assertThat(MODE.macProblem(MacAddress.getByName("03:bf:01:02:03:04"))).hasValue(
                "03:bf:01:02:03:04 is a multicast MAC (its first octet is odd); mode = unicast needs a unicast one");
        assertThat(MODE.macProblem(MacAddress.ETHER_BROADCAST_ADDRESS)).isPresent();
    }

    @Test
    void theKernelFilterMarksFramesToTheSteeringMacAsTheHosts() {
        MacAddress mac = MODE.defaultMac(CLUSTER_IP, OWN_MAC);
        assertThat(MODE.kernelFilter(BASE_FILTER, "eth0", mac).ingress())
                .contains(new KernelFilterSpec.Ingress("eth0", mac));
    }

    @Test
    void anUnownedUnitsPacketIsDemandedUnlessItHasAnOwnerByThen() {
        assertThat(MODE.captureOfUnowned()).isEqualTo(CaptureDecision.DEMAND_UNLESS_OWNED);
    }

    @ParameterizedTest(name = "owner {0}: the owner has it")
    @FieldSource("OWNERS")
    void everyOwnerHasItsPacketsAlready(UnitOwner owner) {
        assertThat(MODE.captureOf(owner)).isEqualTo(CaptureDecision.OWNER_HAS_IT);
    }
}
