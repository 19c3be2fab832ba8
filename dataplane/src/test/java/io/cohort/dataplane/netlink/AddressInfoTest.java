package io.cohort.dataplane.netlink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link AddressInfo#parse} on what the kernel answered to an IPv4 dump (resources/netlink/README.md). */
class AddressInfoTest {
    @Test
    void readsEveryInterfacesAddressesInTheKernelsOrder() throws IOException {
        List<AddressInfo> addresses = NetlinkMessage.split(NetlinkReplyTest.kernel("kernel-newaddr-dump.hex")).stream()
                .filter(m -> m.type() == Rtnetlink.RTM_NEWADDR).map(AddressInfo::parse).toList();

        assertThat(addresses).containsExactly(
                new AddressInfo(1, InetAddress.getByName("10.77.0.100"), 32),
                new AddressInfo(3, InetAddress.getByName("10.77.0.1"), 24),
                new AddressInfo(3, InetAddress.getByName("10.78.0.1"), 24));
    }

    @Test
    void rejectsOtherMessages() throws IOException {
        NetlinkMessage link = NetlinkMessage.split(NetlinkReplyTest.kernel("kernel-newlink-lan0.hex")).getFirst();
        assertThatThrownBy(() -> AddressInfo.parse(link)).isInstanceOf(IllegalArgumentException.class);
    }
}
