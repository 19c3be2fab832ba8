package io.cohort.steering.link;

import static io.cohort.steering.link.LinkFixtures.CLIENT_IP;
import static io.cohort.steering.link.LinkFixtures.CLIENT_MAC;
import static io.cohort.steering.link.LinkFixtures.CLUSTER_IP;
import static org.assertj.core.api.Assertions.assertThat;

import io.cohort.testsupport.FailingCaseReport;
import io.cohort.testsupport.SeededCases;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.pcap4j.util.MacAddress;

@ExtendWith(FailingCaseReport.class)
class ArpPacketTest {

    /** RFC 826's request, as a Linux host sends it: who has 10.77.0.100, tell 10.77.0.10. */
    private static final byte[] REQUEST = HexFormat.of().parseHex(
            "ffffffffffff" + "525400000010" + "0806"
            + "0001" + "0800" + "06" + "04" + "0001"
            + "525400000010" + "0a4d000a" + "000000000000" + "0a4d0064");

    @Test
    void decodesARequest() {
        assertThat(ArpPacket.decode(REQUEST)).contains(
                new ArpPacket(ArpPacket.REQUEST, CLIENT_MAC, CLIENT_IP, ArpPacket.ZERO_MAC, CLUSTER_IP));
    }

    @Test
    void encodesTheSameBytesPaddedToTheMinimumFrame() {
        byte[] frame = ArpPacket.decode(REQUEST).orElseThrow()
                .toFrame(MacAddress.ETHER_BROADCAST_ADDRESS, CLIENT_MAC);

        assertThat(frame).hasSize(60);
        assertThat(Arrays.copyOf(frame, REQUEST.length)).isEqualTo(REQUEST);
    }

    @Test
    void replySwapsSenderAndTarget() {
        MacAddress steering = LinkFixtures.STEERING_MAC;
        ArpPacket reply = ArpPacket.decode(REQUEST).orElseThrow().replyWith(steering);

        assertThat(reply).isEqualTo(new ArpPacket(ArpPacket.REPLY, steering, CLUSTER_IP, CLIENT_MAC, CLIENT_IP));
    }

    @Test
    void announcementHasTheAddressAsSenderAndTarget() {
        assertThat(ArpPacket.announcement(CLUSTER_IP, LinkFixtures.STEERING_MAC)).isEqualTo(
                new ArpPacket(ArpPacket.REQUEST, LinkFixtures.STEERING_MAC, CLUSTER_IP, ArpPacket.ZERO_MAC, CLUSTER_IP));
    }

    @Test
    void rejectsOtherHardwareProtocolsAndOperations() {
        byte[] ipv6 = REQUEST.clone();
        ipv6[16] = (byte) 0x86;
        ipv6[17] = (byte) 0xDD;
        byte[] rarp = REQUEST.clone();
        rarp[21] = 3;
        byte[] longMac = REQUEST.clone();
        longMac[18] = 8;

        assertThat(ArpPacket.decode(ipv6)).isEmpty();
        assertThat(ArpPacket.decode(rarp)).isEmpty();
        assertThat(ArpPacket.decode(longMac)).isEmpty();
        assertThat(ArpPacket.decode(Arrays.copyOf(REQUEST, 41))).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("junk")
    void junkNeverThrows(byte[] junk) {
        assertThat(ArpPacket.decode(junk)).isNotNull();
    }

    static Stream<Arguments> junk() {
        return SeededCases.of(1000, random -> Arguments.of(random.bytes(0, 80)));
    }
}
