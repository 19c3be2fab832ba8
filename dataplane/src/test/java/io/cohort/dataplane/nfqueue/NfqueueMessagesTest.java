package io.cohort.dataplane.nfqueue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cohort.dataplane.netlink.NetlinkMessage;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Golden bytes written field by field from the kernel's structures (linux/netlink.h,
 * linux/netfilter/nfnetlink.h, linux/netfilter/nfnetlink_queue.h) on a little-endian host:
 * nlmsghdr and nlattr headers in host order, nfgenmsg's res_id and the queue's attribute values
 * in network order.
 */
class NfqueueMessagesTest {
    private static final HexFormat HEX = HexFormat.of();

    @BeforeAll
    static void littleEndianHost() {
        assertThat(ByteOrder.nativeOrder()).isEqualTo(ByteOrder.LITTLE_ENDIAN);
    }

    @Test
    void bindCarriesTheCommandAndCopyModeMetaAndAsksForAnAck() {
        assertThat(HEX.formatHex(NfqueueMessages.bind(1723, 1))).isEqualTo(
                "28000000" + "0203" + "0500" + "01000000" + "00000000" // nlmsghdr: CONFIG, REQUEST|ACK
                        + "00" + "00" + "06bb"                            // nfgenmsg: AF_UNSPEC, V0, queue 1723
                        + "0800" + "0100" + "01" + "00" + "0000"          // NFQA_CFG_CMD: BIND, pad, pf
                        + "0900" + "0200" + "00000000" + "01" + "000000"); // NFQA_CFG_PARAMS: range 0, COPY_META
    }

    @Test
    void unbindCarriesTheCommandOnly() {
        assertThat(HEX.formatHex(NfqueueMessages.unbind(1723, 9))).isEqualTo(
                "1c000000" + "0203" + "0100" + "09000000" + "00000000"
                        + "000006bb"
                        + "0800" + "0100" + "02000000");
    }

    @Test
    void acceptNamesThePacketAndTheVerdictInNetworkOrder() {
        assertThat(HEX.formatHex(NfqueueMessages.accept(1723, 0xF1020304L, 7))).isEqualTo(
                "20000000" + "0103" + "0100" + "07000000" + "00000000" // nlmsghdr: VERDICT, REQUEST
                        + "000006bb"
                        + "0c00" + "0200" + "00000001" + "f1020304");   // NFQA_VERDICT_HDR: NF_ACCEPT, id
    }

    @Test
    void queueNumbersOutsideSixteenBitsAreRefused() {
        assertThatThrownBy(() -> NfqueueMessages.bind(65536, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> NfqueueMessages.accept(-1, 1, 1)).isInstanceOf(IllegalArgumentException.class);
    }

    /** A packet message as the kernel builds it, with an attribute before NFQA_PACKET_HDR to skip. */
    @Test
    void packetMessageYieldsIdProtocolAndHook() {
        NetlinkMessage message = single(
                "28000000" + "0003" + "0000" + "00000000" + "00000000"   // nlmsghdr: PACKET
                        + "02" + "00" + "06bb"                             // nfgenmsg: AF_INET, queue 1723
                        + "0800" + "0340" + "0000002a"                     // NFQA_MARK with NLA_F_NET_BYTEORDER
                        + "0b00" + "0100" + "fffffffe" + "0800" + "03" + "00"); // NFQA_PACKET_HDR, padded

        assertThat(NfqueueMessages.packet(message))
                .contains(new QueuedPacket(1723, 0xFFFFFFFEL, 0x0800, 3));
    }

    @Test
    void otherMessagesAreNoPackets() {
        NetlinkMessage ack = single("24000000" + "0200" + "0000" + "05000000" + "00000000" + "00000000"
                + "1c000000" + "0203" + "0500" + "05000000" + "00000000");

        assertThat(NfqueueMessages.packet(ack)).isEmpty();
        assertThat(NfqueueMessages.acknowledgement(ack, 5)).contains(0);
        assertThat(NfqueueMessages.acknowledgement(ack, 6)).isEmpty();
    }

    @Test
    void aRefusalCarriesTheErrno() {
        NetlinkMessage nack = single("24000000" + "0200" + "0000" + "01000000" + "00000000" + "ffffffff"
                + "28000000" + "0203" + "0500" + "01000000" + "00000000");

        assertThat(NfqueueMessages.acknowledgement(nack, 1)).contains(1); // EPERM
    }

    @Test
    void malformedPacketMessagesAreRefused() {
        String header = "0003" + "0000" + "00000000" + "00000000";
        assertThatThrownBy(() -> NfqueueMessages.packet(single("14000000" + header + "000006bb")))
                .hasMessageContaining("without NFQA_PACKET_HDR");
        assertThatThrownBy(() -> NfqueueMessages.packet(single("18000000" + header + "000006bb" + "0c000100")))
                .hasMessageContaining("length 12");
        assertThatThrownBy(() -> NfqueueMessages.packet(single("1c000000" + header + "000006bb" + "08000100" + "00000001")))
                .hasMessageContaining("NFQA_PACKET_HDR of 4 bytes");
        assertThatThrownBy(() -> NfqueueMessages.packet(single("12000000" + header + "0000")))
                .hasMessageContaining("no nfgenmsg");
    }

    private static NetlinkMessage single(String hex) {
        List<NetlinkMessage> messages = NetlinkMessage.split(ByteBuffer.wrap(HEX.parseHex(hex)));
        assertThat(messages).hasSize(1);
        return messages.getFirst();
    }
}
