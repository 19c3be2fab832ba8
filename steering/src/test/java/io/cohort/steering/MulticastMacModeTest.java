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

/** Method 3: a multicast MAC every member joins. */
class MulticastMacModeTest {
    private static final SteeringMode MODE = SteeringMode.MULTICAST;
    static final UnitOwner[] OWNERS = {SELF, OTHER, V6_ONLY};

    @Test
    void theDefaultMacIsMulticastAndFollowsTheClusterIp() {
        MacAddress mac = MODE.defaultMac(CLUSTER_IP, OWN_MAC);
        assertThat(mac.toString()).isEqualTo("03:bf:0a:4d:00:64");
        assertThat(mac.isUnicast()).isFalse();
    }

    @Test
    void aConfiguredMacMustBeMulticastButNotBroadcast() {
        MacAddress multicast = MacAddress.getByName("03:bf:01:02:03:04");
        assertThat(MODE.macProblem(multicast)).isEmpty();
        assertThat(MODE.macProblem(OWN_MAC)).hasValue("52:54:00:12:34:56 is a unicast MAC; mode = multicast needs "
                + "one with the group bit (first octet odd, e.g. 03:bf:...)");
        assertThat(MODE.macProblem(MacAddress.ETHER_BROADCAST_ADDRESS))
                .hasValue("the broadcast MAC cannot be the cluster MAC");
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
