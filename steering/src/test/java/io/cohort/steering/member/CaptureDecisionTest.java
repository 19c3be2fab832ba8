package io.cohort.steering.member;

import static io.cohort.steering.SteeringMode.FORWARDING;
import static io.cohort.steering.SteeringMode.MULTICAST;
import static io.cohort.steering.SteeringMode.UNICAST;
import static org.assertj.core.api.Assertions.assertThat;

import io.cohort.cluster.member.MemberId;
import io.cohort.steering.SteeringMode;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The master's decision per captured packet, by mode and by its unit's owner (figure 9). */
class CaptureDecisionTest {
    private static final OwnerTable.Owner SELF = new OwnerTable.Owner(MemberId.of("m1"), Optional.of(ip(11)), true);
    private static final OwnerTable.Owner OTHER = new OwnerTable.Owner(MemberId.of("m2"), Optional.of(ip(12)), false);
    private static final OwnerTable.Owner V6_ONLY = new OwnerTable.Owner(MemberId.of("m3"), Optional.empty(), false);

    static Stream<Arguments> table() {
        return Stream.of(
                Arguments.of(FORWARDING, null, CaptureDecision.DEMAND),
                Arguments.of(FORWARDING, SELF, CaptureDecision.OWNER_HAS_IT),
                Arguments.of(FORWARDING, OTHER, CaptureDecision.FORWARD),
                Arguments.of(FORWARDING, V6_ONLY, CaptureDecision.NO_ADDRESS),
                Arguments.of(UNICAST, null, CaptureDecision.DEMAND_UNLESS_OWNED),
                Arguments.of(UNICAST, SELF, CaptureDecision.OWNER_HAS_IT),
                Arguments.of(UNICAST, OTHER, CaptureDecision.OWNER_HAS_IT),
                Arguments.of(MULTICAST, null, CaptureDecision.DEMAND_UNLESS_OWNED),
                Arguments.of(MULTICAST, OTHER, CaptureDecision.OWNER_HAS_IT),
                Arguments.of(MULTICAST, V6_ONLY, CaptureDecision.OWNER_HAS_IT));
    }

    @ParameterizedTest(name = "{0}, owner {1}: {2}")
    @MethodSource("table")
    void decides(SteeringMode mode, OwnerTable.Owner owner, CaptureDecision expected) {
        assertThat(CaptureDecision.of(mode, owner)).isEqualTo(expected);
    }

    private static Inet4Address ip(int last) {
        try {
            return (Inet4Address) InetAddress.getByAddress(new byte[] {10, 77, 0, (byte) last});
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }
}
