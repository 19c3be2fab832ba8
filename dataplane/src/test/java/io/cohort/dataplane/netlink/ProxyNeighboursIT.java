package io.cohort.dataplane.netlink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cohort.dataplane.libc.SystemCallException;
import io.cohort.testbed.Netns;
import io.cohort.testbed.Privileges;
import io.cohort.testbed.TestNetwork;
import java.net.Inet4Address;
import java.net.InetAddress;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@link ProxyNeighbours} against the real kernel, checked with {@code ip neigh show proxy}. */
class ProxyNeighboursIT {
    private TestNetwork net;
    private Netns member;
    private NetlinkSocket netlink;
    private ProxyNeighbours proxies;

    @BeforeEach
    void createVeth() {
        Privileges.assumeNetworkAdmin();
        net = TestNetwork.create();
        member = net.namespace("member");
        net.veth(member, "lan0", net.namespace("peer"), "lan1");
        netlink = member.runInside(NetlinkSocket::open);
        proxies = new ProxyNeighbours(netlink);
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
    void addsListsAndDeletesTheEntriesOfOneInterface() throws Exception {
        Inet4Address first = (Inet4Address) InetAddress.getByName("10.101.0.5");
        Inet4Address second = (Inet4Address) InetAddress.getByName("10.102.0.9");
        member.execOrThrow("ip", "neigh", "add", "proxy", "10.103.0.1", "dev", "lo");

        proxies.add("lan0", first);
        proxies.add("lan0", second);

        assertThat(member.execOrThrow("ip", "neigh", "show", "proxy", "dev", "lan0"))
                .contains("10.101.0.5").contains("10.102.0.9");
        assertThat(proxies.list("lan0")).containsExactlyInAnyOrder(first, second);
        proxies.add("lan0", first); // the kernel keeps one entry per address and says nothing
        assertThat(proxies.list("lan0")).hasSize(2);

        proxies.delete("lan0", first);

        assertThat(proxies.list("lan0")).containsExactly(second);
        assertThat(proxies.list("lo")).containsExactly((Inet4Address) InetAddress.getByName("10.103.0.1"));
        assertThatThrownBy(() -> proxies.delete("lan0", first)).isInstanceOf(SystemCallException.class);
    }
}
