package io.cohort.dataplane.netlink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** {@link LinkInfo#parse} on what the kernel answered (resources/netlink/README.md). */
class LinkInfoTest {
    @Test
    void readsIndexNameFlagsAndMacOfAVeth() throws IOException {
        NetlinkMessage message = NetlinkMessage.split(NetlinkReplyTest.kernel("kernel-newlink-lan0.hex")).getFirst();

        LinkInfo link = LinkInfo.parse(message);

        assertThat(link.index()).isEqualTo(3);
        assertThat(link.name()).isEqualTo("lan0");
        assertThat(link.type()).isEqualTo(LinkInfo.ARPHRD_ETHER);
        assertThat(link.ethernet()).isTrue();
        assertThat(HexFormat.ofDelimiter(":").formatHex(link.hardwareAddress())).isEqualTo("02:00:00:00:00:01");
        assertThat(link.promiscuous()).isTrue();
        assertThat(link.up()).isFalse();
        assertThat(link).isEqualTo(new LinkInfo(3, "lan0", 1, link.flags(), HexFormat.of().parseHex("020000000001")));
    }

    @Test
    void isNotChangedThroughItsAddress() {
        byte[] mac = HexFormat.of().parseHex("020000000001");
        LinkInfo link = new LinkInfo(3, "lan0", 1, 0, mac);
        mac[0] = 9;
        link.hardwareAddress()[1] = 9;
        assertThat(link.hardwareAddress()).isEqualTo(HexFormat.of().parseHex("020000000001"));
    }

    @Test
    void rejectsOtherMessages() throws IOException {
        NetlinkMessage address = NetlinkMessage.split(NetlinkReplyTest.kernel("kernel-newaddr-dump.hex")).getFirst();
        assertThatThrownBy(() -> LinkInfo.parse(address)).isInstanceOf(IllegalArgumentException.class);
        NetlinkMessage truncated = new NetlinkMessage(Rtnetlink.RTM_NEWLINK, 0, 1, ByteBuffer.allocate(8));
        assertThatThrownBy(() -> LinkInfo.parse(truncated)).isInstanceOf(IllegalArgumentException.class);
    }
}
