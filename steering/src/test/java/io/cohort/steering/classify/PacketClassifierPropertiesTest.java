package io.cohort.steering.classify;

import static io.cohort.steering.classify.Ipv4Packets.ipv4;
import static io.cohort.steering.classify.Ipv4Packets.udp;
import static org.assertj.core.api.Assertions.assertThat;

import io.cohort.cluster.unit.FlowKey;
import io.cohort.cluster.unit.WorkFilter;
import io.cohort.steering.classify.Classification.Steered;
import io.cohort.testsupport.FailingCaseReport;
import io.cohort.testsupport.SeededCases;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The classifier agrees with {@link WorkFilter#classify} on packets built from random fields,
 * and survives anything.
 */
@ExtendWith(FailingCaseReport.class)
class PacketClassifierPropertiesTest {
    private final PacketClassifier classifier = new PacketClassifier();

    @ParameterizedTest
    @MethodSource("l2tpFields")
    void l2tpPacketsClassifyLikeTheirFlowKey(int source, int destination, int sourcePort, int tunnelId, int sessionId,
            boolean control, boolean withLength) {
        byte[] packet = ipv4(source, destination, 17,
                udp(sourcePort, 1701, Ipv4Packets.l2tp(control, withLength || control, tunnelId, sessionId)));
        FlowKey key = FlowKey.l2tp(new FlowKey.Ipv4Flow(source, destination, 17, sourcePort, 1701), tunnelId);

        assertThat(classifier.classify(packet))
                .isEqualTo(new Steered(WorkFilter.classify(key), SteeredProtocol.L2TP, key));
    }

    static Stream<Arguments> l2tpFields() {
        return SeededCases.of(1000, random -> Arguments.of(random.anyInt(), random.anyInt(),
                random.intBetween(0, 0xFFFF), random.intBetween(0, 0xFFFF), random.intBetween(0, 0xFFFF), random.bool(),
                random.bool()));
    }

    @ParameterizedTest
    @MethodSource("pptpControlFields")
    void pptpControlSegmentsClassifyLikeTheirFlowKey(int source, int destination, int sourcePort) {
        byte[] packet = ipv4(source, destination, 6, Ipv4Packets.tcpSyn(sourcePort, 1723));
        FlowKey key = new FlowKey.Ipv4Flow(source, destination, 6, sourcePort, 1723);

        assertThat(classifier.classify(packet))
                .isEqualTo(new Steered(WorkFilter.classify(key), SteeredProtocol.PPTP_CONTROL, key));
    }

    static Stream<Arguments> pptpControlFields() {
        return SeededCases.of(1000,
                random -> Arguments.of(random.anyInt(), random.anyInt(), random.intBetween(0, 0xFFFF)));
    }

    @ParameterizedTest
    @MethodSource("greFields")
    void greClassifiesLikeItsCallId(int source, int destination, int callId) {
        byte[] packet = ipv4(source, destination, 47, Ipv4Packets.enhancedGre(callId));
        FlowKey key = new FlowKey.PptpCall(callId);

        assertThat(classifier.classify(packet))
                .isEqualTo(new Steered(WorkFilter.classify(key), SteeredProtocol.PPTP_GRE, key));
    }

    static Stream<Arguments> greFields() {
        return SeededCases.of(1000,
                random -> Arguments.of(random.anyInt(), random.anyInt(), random.intBetween(1, 0xFFFF)));
    }

    @ParameterizedTest
    @MethodSource("junk")
    void junkNeverThrows(byte[] junk, int offset, int length) {
        assertThat(classifier.classify(junk, offset, length)).isNotNull();
    }

    static Stream<Arguments> junk() {
        return SeededCases.of(2000, random -> Arguments.of(random.bytes(0, 120), random.intBetween(-2, 130),
                random.intBetween(-2, 130)));
    }

    @ParameterizedTest
    @MethodSource("corruptions")
    void corruptedValidPacketsNeverThrow(int kind, int position, byte value, int cut) {
        byte[] packet = switch (kind) {
            case 0 -> ipv4(1, 2, 17, udp(3, 1701, Ipv4Packets.l2tp(true, true, 4, 5)));
            case 1 -> ipv4(1, 2, 6, Ipv4Packets.tcpSyn(3, 1723));
            default -> ipv4(1, 2, 47, Ipv4Packets.enhancedGre(9));
        };
        packet[position % packet.length] = value;
        assertThat(classifier.classify(packet, 0, Math.min(cut, packet.length))).isNotNull();
        assertThat(classifier.classify(packet)).isNotNull();
    }

    static Stream<Arguments> corruptions() {
        return SeededCases.of(2000, random -> Arguments.of(random.intBetween(0, 2), random.intBetween(0, 47),
                random.anyByte(), random.intBetween(0, 48)));
    }
}
