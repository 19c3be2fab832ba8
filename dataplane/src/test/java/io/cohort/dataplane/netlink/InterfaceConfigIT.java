package io.cohort.dataplane.netlink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cohort.dataplane.libc.SystemCallException;
import io.cohort.testbed.Netns;
import io.cohort.testbed.Privileges;
import io.cohort.testbed.TestNetwork;
import java.net.InetAddress;
import java.util.HexFormat;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@link InterfaceConfig}'s reads and link flags against the real kernel, in a namespace with a veth. */
class InterfaceConfigIT {
    private TestNetwork net;
    private Netns member;
    private NetlinkSocket netlink;
    private InterfaceConfig config;

    @BeforeEach
    void createVeth() {
        Privileges.assumeNetworkAdmin();
        net = TestNetwork.create();
        member = net.namespace("member");
        net.veth(member, "lan0", net.namespace("peer"), "lan1");
        netlink = member.runInside(NetlinkSocket::open);
        config = new InterfaceConfig(netlink);
    }

    @AfterEach
    void tearDown() {
        if (netlink != null) {
            netlink.close();
        }
        if (net != null) {
            net.close();
        }
    }

    @Test
    void readsTheLinkAsSysfsShowsIt() throws Exception {
        LinkInfo link = config.link("lan0");

        assertThat(link.name()).isEqualTo("lan0");
        assertThat(link.index()).isEqualTo(Integer.parseInt(member.execOrThrow("cat", "/sys/class/net/lan0/ifindex").strip()));
        assertThat(HexFormat.ofDelimiter(":").formatHex(link.hardwareAddress()))
                .isEqualTo(member.execOrThrow("cat", "/sys/class/net/lan0/address").strip());
        assertThat(link.ethernet()).isTrue();
        assertThat(config.link("lo").ethernet()).isFalse();
    }

    @Test
    void readsTheIpv4AddressesOfOneInterfaceInTheKernelsOrder() throws Exception {
        assertThat(config.ipv4Addresses("lan0")).isEmpty();
        member.addAddress("lan0", "10.77.0.1/24");
        member.addAddress("lan0", "10.78.0.1/16");
        member.addAddress("lo", "10.77.0.100/32");

        assertThat(config.ipv4Addresses("lan0")).containsExactly(
                new AddressInfo(config.link("lan0").index(), InetAddress.getByName("10.77.0.1"), 24),
                new AddressInfo(config.link("lan0").index(), InetAddress.getByName("10.78.0.1"), 16));
        assertThat(config.ipv4Addresses("lo")).extracting(AddressInfo::address)
                .contains(InetAddress.getByName("10.77.0.100"));
    }

    @Test
    void setsAndClearsTheUserPromiscuousFlag() throws Exception {
        config.setPromiscuous("lan0", true);
        assertThat(config.link("lan0").promiscuous()).isTrue();
        assertThat(member.execOrThrow("ip", "-o", "link", "show", "dev", "lan0")).contains("PROMISC");

        config.setPromiscuous("lan0", false);
        assertThat(config.link("lan0").promiscuous()).isFalse();
        assertThat(member.execOrThrow("ip", "-o", "link", "show", "dev", "lan0")).doesNotContain("PROMISC");
    }

    @Test
    void aMissingInterfaceIsTheKernelsEnodevNamingIt() {
        assertThatThrownBy(() -> config.link("nosuch0")).isInstanceOfSatisfying(SystemCallException.class, e -> {
            assertThat(e.errno()).isEqualTo(19);
            assertThat(e.getMessage()).contains("nosuch0");
        });
        assertThatThrownBy(() -> config.ipv4Addresses("nosuch0")).hasMessageContaining("nosuch0");
    }
}
