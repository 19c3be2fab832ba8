package io.cohort.dataplane.netlink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** Reading the kernel's RTM_NEWNEIGH answer to the proxy dump (as {@code ip neigh show proxy} receives it). */
class ProxyNeighboursTest {
    /** The RTM_NEWNEIGH the kernel sent for {@code 10.99.0.8 dev lo proxy} (strace of {@code ip neigh show proxy}). */
    private static final String PROXY_ENTRY = "24000000 1c00 0200 01000000 00000000"
            + "02 00 0000 01000000 0000 08 01" + "0800 0100 0a630008";

    @Test
    void readsTheDestinationOfAProxyEntry() throws Exception {
        NetlinkMessage message = NetlinkMessage.split(ByteBuffer.wrap(hex(PROXY_ENTRY))).getFirst();

        assertThat(message.type()).isEqualTo(Rtnetlink.RTM_NEWNEIGH);
        assertThat(ProxyNeighbours.destination(message)).isEqualTo(InetAddress.getByName("10.99.0.8"));
    }

    @Test
    void anEntryWithoutDestinationIsRefused() {
        String withoutAttributes = "1c000000 1c00 0200 01000000 00000000" + "02 00 0000 01000000 0000 08 01";
        NetlinkMessage message = NetlinkMessage.split(ByteBuffer.wrap(hex(withoutAttributes))).getFirst();

        assertThatThrownBy(() -> ProxyNeighbours.destination(message)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("NDA_DST");
    }

    private static byte[] hex(String spaced) {
        return HexFormat.of().parseHex(spaced.replace(" ", ""));
    }
}
