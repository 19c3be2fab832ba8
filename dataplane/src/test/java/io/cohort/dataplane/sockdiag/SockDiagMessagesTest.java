package io.cohort.dataplane.sockdiag;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cohort.dataplane.netlink.NetlinkMessage;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Golden bytes written field by field from the kernel's structures (linux/netlink.h,
 * linux/sock_diag.h, linux/inet_diag.h) on a little-endian host: nlmsghdr, idiag_states,
 * idiag_if and idiag_cookie in host order, ports and addresses in network order.
 */
class SockDiagMessagesTest {
    private static final HexFormat HEX = HexFormat.of();
    private static final String NO_ADDRESS_TAIL = "000000000000000000000000"; // idiag_src[1..3]
    private static final String SOCKID = "06bb" + "9c40"             // sport 1723, dport 40000
            + "0a000001" + NO_ADDRESS_TAIL + "0a000002" + NO_ADDRESS_TAIL // src 10.0.0.1, dst 10.0.0.2
            + "03000000" + "bc0a0000" + "01000000";                 // if 3, cookie {0xabc, 1}

    @BeforeAll
    static void littleEndianHost() {
        assertThat(ByteOrder.nativeOrder()).isEqualTo(ByteOrder.LITTLE_ENDIAN);
    }

    @Test
    void lingeringStatesAreAllButListenAndTimeWait() {
        // bits 1..12 (ESTABLISHED .. NEW_SYN_RECV) without 6 (TIME_WAIT) and 10 (LISTEN)
        assertThat(SockDiagMessages.LINGERING_STATES).isEqualTo(0x1bbe);
    }

    @Test
    void dumpAsksForTcpOverIpv4InTheStatesWithTheSourcePort() {
        byte[] dump = SockDiagMessages.dumpTcp(SockDiagMessages.AF_INET, SockDiagMessages.LINGERING_STATES, 1723)
                .encode(5);
        assertThat(HEX.formatHex(dump))
                .isEqualTo("48000000" + "1400" + "0103" + "05000000" + "00000000" // SOCK_DIAG_BY_FAMILY, REQUEST|DUMP
                        + "02" + "06" + "00" + "00" + "be1b0000"                  // AF_INET, TCP, ext, pad, states
                        + "06bb" + "0000" + "00".repeat(32)                       // sport 1723, any dport, addresses
                        + "00000000" + "0000000000000000");                       // if, cookie
    }

    @Test
    void destroyCarriesTheExactSocketIdAndAsksForAnAck() throws Exception {
        assertThat(HEX.formatHex(SockDiagMessages.destroyTcp(socketId()).encode(9)))
                .isEqualTo("48000000" + "1500" + "0500" + "09000000" + "00000000" // SOCK_DESTROY, REQUEST|ACK
                        + "02" + "06" + "00" + "00" + "00000000"
                        + SOCKID);
    }

    @Test
    void decodesTheDumpsInetDiagMessage() throws Exception {
        List<NetlinkMessage> messages = NetlinkMessage.split(ByteBuffer.wrap(HEX.parseHex(
                "58000000" + "1400" + "0200" + "07000000" + "00000000"     // SOCK_DIAG_BY_FAMILY, MULTI
                        + "02" + "04" + "01" + "03"                        // AF_INET, FIN_WAIT1, timer, retrans
                        + SOCKID
                        + "c8000000" + "00000000" + "01000000" + "00000000" + "00000000"))); // expires .. inode

        assertThat(SockDiagMessages.entry(messages.getFirst()))
                .contains(new TcpSocketEntry(SockDiagMessages.TCP_FIN_WAIT1, socketId()));
    }

    @Test
    void decodedIdEncodesBackToTheSameBytes() throws Exception {
        NetlinkMessage message = NetlinkMessage.split(ByteBuffer.wrap(HEX.parseHex(
                "58000000" + "1400" + "0200" + "07000000" + "00000000" + "02" + "01" + "00" + "00" + SOCKID
                        + "00".repeat(20)))).getFirst();

        InetDiagSocketId id = SockDiagMessages.entry(message).orElseThrow().id();

        assertThat(HEX.formatHex(SockDiagMessages.destroyTcp(id).encode(1))).endsWith(SOCKID);
    }

    @Test
    void skipsMessageTypesOtherThanTheDumpsAndIpv6AddressesThatAreNotIpv4Mapped() {
        String ipv6 = "58000000" + "1400" + "0200" + "07000000" + "00000000" + "0a" + "01" + "00" + "00" + SOCKID
                + "00".repeat(20);
        String done = "14000000" + "0300" + "0200" + "07000000" + "00000000" + "00000000";
        List<NetlinkMessage> messages = NetlinkMessage.split(ByteBuffer.wrap(HEX.parseHex(ipv6 + done)));

        assertThat(messages).hasSize(2);
        assertThat(messages).allSatisfy(message -> assertThat(SockDiagMessages.entry(message)).isEmpty());
    }

    @Test
    void aDualStackSocketsIpv4MappedAddressesDecodeAndEncodeBackToTheSameBytes() throws Exception {
        String mappedId = "06bb" + "9c40" + "00000000000000000000ffff" + "0a000001"   // ::ffff:10.0.0.1
                + "00000000000000000000ffff" + "0a000002" + "00000000" + "bc0a0000" + "01000000";
        NetlinkMessage message = NetlinkMessage.split(ByteBuffer.wrap(HEX.parseHex(
                "58000000" + "1400" + "0200" + "07000000" + "00000000" + "0a" + "04" + "00" + "00" + mappedId
                        + "00".repeat(20)))).getFirst();

        InetDiagSocketId id = SockDiagMessages.entry(message).orElseThrow().id();

        assertThat(id).isEqualTo(new InetDiagSocketId(SockDiagMessages.AF_INET6, socketId().source(), 1723,
                socketId().destination(), 40000, 0, 0x1_0000_0abcL));
        assertThat(HEX.formatHex(SockDiagMessages.destroyTcp(id).encode(1)))
                .isEqualTo("48000000" + "1500" + "0500" + "01000000" + "00000000"
                        + "0a" + "06" + "00" + "00" + "00000000" + mappedId);
    }

    @Test
    void rejectsAMessageShorterThanInetDiagMsg() {
        NetlinkMessage message = NetlinkMessage.split(ByteBuffer.wrap(HEX.parseHex(
                "20000000" + "1400" + "0200" + "07000000" + "00000000" + "02" + "01" + "0000" + "06bb9c40"
                        + "0a000001" + "00000000"))).getFirst();

        assertThatThrownBy(() -> SockDiagMessages.entry(message))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("too short");
    }

    private static InetDiagSocketId socketId() throws Exception {
        return new InetDiagSocketId(SockDiagMessages.AF_INET, (Inet4Address) InetAddress.getByName("10.0.0.1"), 1723,
                (Inet4Address) InetAddress.getByName("10.0.0.2"), 40000, 3, 0x1_0000_0abcL);
    }
}
