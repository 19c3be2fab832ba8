package io.cohort.steering.classify;

import static io.cohort.steering.classify.Ipv4Packets.ipv4;
import static io.cohort.steering.classify.Ipv4Packets.udp;
import static org.assertj.core.api.Assertions.assertThat;

import io.cohort.cluster.unit.FlowKey;
import io.cohort.cluster.unit.WorkFilter;
import io.cohort.steering.classify.Classification.Steered;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * The classifier agrees with {@link WorkFilter#classify} on packets built from random fields,
 * and survives anything.
 */
class PacketClassifierPropertiesTest {
    private final PacketClassifier classifier = new PacketClassifier();

    @Property
    void l2tpPacketsClassifyLikeTheirFlowKey(@ForAll int source, @ForAll int destination,
            @ForAll @IntRange(max = 0xFFFF) int sourcePort, @ForAll @IntRange(max = 0xFFFF) int tunnelId,
            @ForAll @IntRange(max = 0xFFFF) int sessionId, @ForAll boolean control, @ForAll boolean withLength) {
        byte[] packet = ipv4(source, destination, 17,
                udp(sourcePort, 1701, Ipv4Packets.l2tp(control, withLength || control, tunnelId, sessionId)));
        FlowKey key = FlowKey.l2tp(new FlowKey.Ipv4Flow(source, destination, 17, sourcePort, 1701), tunnelId);

        assertThat(classifier.classify(packet))
                .isEqualTo(new Steered(WorkFilter.classify(key), SteeredProtocol.L2TP, key));
    }

    @Property
    void pptpControlSegmentsClassifyLikeTheirFlowKey(@ForAll int source, @ForAll int destination,
            @ForAll @IntRange(max = 0xFFFF) int sourcePort) {
        byte[] packet = ipv4(source, destination, 6, Ipv4Packets.tcpSyn(sourcePort, 1723));
        FlowKey key = new FlowKey.Ipv4Flow(source, destination, 6, sourcePort, 1723);

        assertThat(classifier.classify(packet))
                .isEqualTo(new Steered(WorkFilter.classify(key), SteeredProtocol.PPTP_CONTROL, key));
    }

    @Property
    void greClassifiesLikeItsCallId(@ForAll int source, @ForAll int destination,
            @ForAll @IntRange(min = 1, max = 0xFFFF) int callId) {
        byte[] packet = ipv4(source, destination, 47, Ipv4Packets.enhancedGre(callId));
        FlowKey key = new FlowKey.PptpCall(callId);

        assertThat(classifier.classify(packet))
                .isEqualTo(new Steered(WorkFilter.classify(key), SteeredProtocol.PPTP_GRE, key));
    }

    @Property(tries = 2000)
    void junkNeverThrows(@ForAll @Size(max = 120) byte[] junk, @ForAll @IntRange(min = -2, max = 130) int offset,
            @ForAll @IntRange(min = -2, max = 130) int length) {
        assertThat(classifier.classify(junk, offset, length)).isNotNull();
    }

    @Property(tries = 2000)
    void corruptedValidPacketsNeverThrow(@ForAll @IntRange(max = 2) int kind, @ForAll @IntRange(max = 47) int position,
            @ForAll byte value, @ForAll @IntRange(max = 48) int cut) {
        byte[] packet = switch (kind) {
            case 0 -> ipv4(1, 2, 17, udp(3, 1701, Ipv4Packets.l2tp(true, true, 4, 5)));
            case 1 -> ipv4(1, 2, 6, Ipv4Packets.tcpSyn(3, 1723));
            default -> ipv4(1, 2, 47, Ipv4Packets.enhancedGre(9));
        };
        packet[position % packet.length] = value;
        assertThat(classifier.classify(packet, 0, Math.min(cut, packet.length))).isNotNull();
        assertThat(classifier.classify(packet)).isNotNull();
    }
}
