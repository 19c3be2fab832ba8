package io.cohort.steering.classify;

import static io.cohort.steering.classify.Ipv4Packets.concat;
import static io.cohort.steering.classify.Ipv4Packets.golden;
import static io.cohort.steering.classify.Ipv4Packets.ipv4;
import static io.cohort.steering.classify.Ipv4Packets.udp;
import static org.assertj.core.api.Assertions.assertThat;

import io.cohort.cluster.unit.FlowKey;
import io.cohort.cluster.unit.WorkFilter;
import io.cohort.steering.classify.Classification.Dropped;
import io.cohort.steering.classify.Classification.Steered;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * Golden packets (src/test/resources, named after the RFC section they illustrate) and the
 * boundaries of each drop reason. The expected unit is always {@code WorkFilter.classify} of the
 * expected key, so these tests hold whatever hash the filter uses.
 */
class PacketClassifierTest {
    private static final int CLIENT = 0xC000020A; // 192.0.2.10
    private static final int CLUSTER = 0xC6336401; // 198.51.100.1

    private final PacketClassifier classifier = new PacketClassifier();

    @Test
    void sccrqWithTunnelIdZeroIsClassifiedByAddressAndPort() {
        assertSteered(golden("rfc2661-sccrq.hex"), SteeredProtocol.L2TP,
                new FlowKey.Ipv4Flow(CLIENT, CLUSTER, 17, 50000, 1701));
    }

    @Test
    void dataMessageWithoutLengthIsClassifiedByTunnelId() {
        assertSteered(golden("rfc2661-data-tunnel-0x1234.hex"), SteeredProtocol.L2TP, new FlowKey.L2tpTunnel(0x1234));
    }

    @Test
    void controlMessageWithLengthIsClassifiedByTunnelIdAfterTheLengthField() {
        assertSteered(golden("rfc2661-zlb-tunnel-0x0401.hex"), SteeredProtocol.L2TP, new FlowKey.L2tpTunnel(0x0401));
    }

    @Test
    void enhancedGreIsClassifiedByCallId() {
        assertSteered(golden("rfc2637-enhanced-gre-call-0x0401.hex"), SteeredProtocol.PPTP_GRE,
                new FlowKey.PptpCall(0x0401));
    }

    @Test
    void pptpControlSegmentIsClassifiedByAddressAndPort() {
        assertSteered(golden("pptp-control-syn.hex"), SteeredProtocol.PPTP_CONTROL,
                new FlowKey.Ipv4Flow(CLIENT, CLUSTER, 6, 40000, 1723));
    }

    @Test
    void fragmentsAreDropped() {
        assertDropped(golden("rfc791-first-fragment-l2tp.hex"), DropReason.FRAGMENT);
        byte[] laterFragment = golden("rfc2661-sccrq.hex");
        laterFragment[6] = 0x00;
        laterFragment[7] = 0x10; // offset 16 * 8 bytes, MF clear
        assertDropped(laterFragment, DropReason.FRAGMENT);
    }

    @Test
    void ethernetPaddingAfterTotalLengthIsIgnored() {
        byte[] padded = Arrays.copyOf(golden("rfc2661-data-tunnel-0x1234.hex"), 60);
        assertThat(classifier.classify(padded)).isInstanceOf(Steered.class);
    }

    @Test
    void packetInsideALargerBufferIsReadAtItsOffset() {
        byte[] packet = golden("rfc2637-enhanced-gre-call-0x0401.hex");
        byte[] frame = concat(new byte[14], packet);
        assertThat(classifier.classify(frame, 14, packet.length)).isEqualTo(classifier.classify(packet));
    }

    @Test
    void ipv4HeaderErrorsHaveTheirOwnReasons() {
        byte[] sccrq = golden("rfc2661-sccrq.hex");
        assertDropped(Arrays.copyOf(sccrq, 19), DropReason.TRUNCATED);
        assertThat(classifier.classify(sccrq, 40, 20)).isEqualTo(new Dropped(DropReason.TRUNCATED));
        assertThat(classifier.classify(null, 0, 0)).isEqualTo(new Dropped(DropReason.TRUNCATED));

        byte[] ipv6 = sccrq.clone();
        ipv6[0] = 0x65;
        assertDropped(ipv6, DropReason.NOT_IPV4);

        byte[] shortIhl = sccrq.clone();
        shortIhl[0] = 0x44;
        assertDropped(shortIhl, DropReason.BAD_HEADER_LENGTH);

        byte[] longIhl = Arrays.copyOf(sccrq, 40);
        longIhl[0] = 0x4F; // 60-byte header in a 40-byte packet
        assertDropped(longIhl, DropReason.BAD_HEADER_LENGTH);

        byte[] longTotal = sccrq.clone();
        longTotal[3] = (byte) (sccrq.length + 1);
        assertDropped(longTotal, DropReason.BAD_TOTAL_LENGTH);

        byte[] shortTotal = sccrq.clone();
        shortTotal[2] = 0;
        shortTotal[3] = 19;
        assertDropped(shortTotal, DropReason.BAD_TOTAL_LENGTH);

        assertDropped(ipv4(CLIENT, CLUSTER, 1, new byte[8]), DropReason.OTHER_PROTOCOL);
    }

    @Test
    void ipOptionsMoveTheTransportHeader() {
        byte[] plain = golden("rfc2661-zlb-tunnel-0x0401.hex");
        byte[] withOptions = new byte[plain.length + 4];
        System.arraycopy(plain, 0, withOptions, 0, 20);
        System.arraycopy(new byte[] {1, 1, 1, 0}, 0, withOptions, 20, 4); // NOP NOP NOP EOL
        System.arraycopy(plain, 20, withOptions, 24, plain.length - 20);
        withOptions[0] = 0x46;
        withOptions[3] = (byte) withOptions.length;
        assertSteered(withOptions, SteeredProtocol.L2TP, new FlowKey.L2tpTunnel(0x0401));
    }

    @Test
    void udpAndL2tpErrors() {
        assertDropped(ipv4(CLIENT, CLUSTER, 17, udp(50000, 53, Ipv4Packets.l2tp(false, false, 5, 1))),
                DropReason.OTHER_PORT);
        assertDropped(ipv4(CLIENT, CLUSTER, 17, new byte[7]), DropReason.BAD_UDP);

        byte[] udpLengthTooLong = udp(50000, 1701, Ipv4Packets.l2tp(false, false, 5, 1));
        udpLengthTooLong[5] = 100;
        assertDropped(ipv4(CLIENT, CLUSTER, 17, udpLengthTooLong), DropReason.BAD_UDP);

        assertDropped(ipv4(CLIENT, CLUSTER, 17, udp(50000, 1701, new byte[] {0, 2, 0})), DropReason.BAD_L2TP);
        // L bit set: Tunnel ID sits at offset 4, two bytes beyond this datagram
        assertDropped(ipv4(CLIENT, CLUSTER, 17, udp(50000, 1701, new byte[] {0x40, 2, 0, 4})), DropReason.BAD_L2TP);
        // Length field larger than the datagram
        assertDropped(ipv4(CLIENT, CLUSTER, 17, udp(50000, 1701, new byte[] {0x40, 2, 0, 99, 0, 5, 0, 1})),
                DropReason.BAD_L2TP);
        byte[] l2tpv3 = Ipv4Packets.l2tp(true, true, 5, 0);
        l2tpv3[1] = 3;
        assertDropped(ipv4(CLIENT, CLUSTER, 17, udp(50000, 1701, l2tpv3)), DropReason.L2TP_NOT_VERSION_2);
    }

    @Test
    void l2tpOnAConfiguredPort() {
        byte[] packet = ipv4(CLIENT, CLUSTER, 17, udp(50000, 11701, Ipv4Packets.l2tp(false, false, 9, 1)));
        assertThat(new PacketClassifier(11701).classify(packet)).isInstanceOf(Steered.class);
        assertDropped(packet, DropReason.OTHER_PORT);
    }

    @Test
    void tcpAndGreErrors() {
        assertDropped(ipv4(CLIENT, CLUSTER, 6, Ipv4Packets.tcpSyn(40000, 22)), DropReason.OTHER_PORT);
        assertDropped(ipv4(CLIENT, CLUSTER, 6, Arrays.copyOf(Ipv4Packets.tcpSyn(40000, 1723), 19)),
                DropReason.BAD_TCP);

        assertDropped(ipv4(CLIENT, CLUSTER, 47, new byte[7]), DropReason.BAD_GRE);
        byte[] gre = Ipv4Packets.enhancedGre(0x0401);
        byte[] version0 = gre.clone();
        version0[1] = 0;
        assertDropped(ipv4(CLIENT, CLUSTER, 47, version0), DropReason.GRE_NOT_ENHANCED);
        byte[] noKey = gre.clone();
        noKey[0] = 0x10;
        assertDropped(ipv4(CLIENT, CLUSTER, 47, noKey), DropReason.GRE_NOT_ENHANCED);
        byte[] notPpp = gre.clone();
        notPpp[2] = 0x08;
        notPpp[3] = 0x00;
        assertDropped(ipv4(CLIENT, CLUSTER, 47, notPpp), DropReason.GRE_NOT_ENHANCED);
        assertDropped(ipv4(CLIENT, CLUSTER, 47, Ipv4Packets.enhancedGre(0)), DropReason.GRE_CALL_ID_ZERO);
    }

    @Test
    void dropReasonsNameTheirCounters() {
        assertThat(DropReason.GRE_CALL_ID_ZERO.counterName()).isEqualTo("steering.drop.gre_call_id_zero");
    }

    private void assertSteered(byte[] packet, SteeredProtocol protocol, FlowKey key) {
        assertThat(classifier.classify(packet))
                .isEqualTo(new Steered(WorkFilter.classify(key), protocol, key));
    }

    private void assertDropped(byte[] packet, DropReason reason) {
        assertThat(classifier.classify(packet)).isEqualTo(new Dropped(reason));
    }
}
