package io.cohort.steering;

import static io.cohort.steering.ModeFixtures.BASE_FILTER;
import static io.cohort.steering.ModeFixtures.CLUSTER_IP;
import static io.cohort.steering.ModeFixtures.OTHER;
import static io.cohort.steering.ModeFixtures.OWN_MAC;
import static io.cohort.steering.ModeFixtures.SELF;
import static io.cohort.steering.ModeFixtures.V6_ONLY;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.pcap4j.util.MacAddress;

/** Method 1: the master's own MAC, the master forwards. */
class ForwardingModeTest {
    private static final SteeringMode MODE = SteeringMode.FORWARDING;

    @Test
    void theSteeringMacIsTheMastersOwnAndNoneMayBeConfigured() {
        assertThat(MODE.defaultMac(CLUSTER_IP, OWN_MAC)).isEqualTo(OWN_MAC);
        assertThat(MODE.macProblem(MacAddress.getByName("02:bf:0a:4d:00:64"))).hasValueSatisfying(
                problem -> assertThat(problem).contains("not used with mode = forwarding"));
    }

    @Test
    void theKernelFilterHasNoIngressRule() {
        assertThat(MODE.kernelFilter(BASE_FILTER, "eth0", OWN_MAC)).isEqualTo(BASE_FILTER);
    }

    static Stream<Arguments> captureTable() {
        return Stream.of(
                Arguments.of(SELF, CaptureDecision.OWNER_HAS_IT),
                Arguments.of(OTHER, CaptureDecision.FORWARD),
                Arguments.of(V6_ONLY, CaptureDecision.NO_ADDRESS));
    }

    @Test
    void anUnownedUnitsPacketIsDemanded() {
        assertThat(MODE.captureOfUnowned()).isEqualTo(CaptureDecision.DEMAND);
    }

    @ParameterizedTest(name = "owner {0}: {1}")
    @MethodSource("captureTable")
    void anOwnedUnitsPacketGoesToItsOwner(UnitOwner owner, CaptureDecision expected) {
        assertThat(MODE.captureOf(owner)).isEqualTo(expected);
    }
}
