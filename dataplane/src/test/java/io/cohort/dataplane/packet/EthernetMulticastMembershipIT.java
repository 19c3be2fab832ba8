package io.cohort.dataplane.packet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cohort.dataplane.libc.SystemCallException;
import io.cohort.testbed.Netns;
import io.cohort.testbed.Privileges;
import io.cohort.testbed.TestNetwork;
import java.util.HexFormat;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Memberships held by packet sockets, as the kernel's multicast list ({@code ip maddr}) shows them. */
class EthernetMulticastMembershipIT {
    private static final byte[] GROUP = HexFormat.of().parseHex("03bf0a4d0064");
    private static final String GROUP_TEXT = "03:bf:0a:4d:00:64";

    @BeforeEach
    void requireRoot() {
        Privileges.assumeNetworkAdmin();
    }

    @Test
    void theInterfaceIsInTheGroupWhileAMembershipIsHeld() {
        try (TestNetwork net = TestNetwork.create()) {
            Netns member = net.namespace("member");
            net.veth(member, "lan0", net.namespace("peer"), "lan1");

            EthernetMulticastMembership first = member.runInside(() -> EthernetMulticastMembership.join("lan0", GROUP));
            EthernetMulticastMembership second = member.runInside(() -> EthernetMulticastMembership.join("lan0", GROUP));
            assertThat(multicastList(member)).contains(GROUP_TEXT);

            first.close();
            assertThat(multicastList(member)).contains(GROUP_TEXT);
            second.close();
            assertThat(multicastList(member)).doesNotContain(GROUP_TEXT);
        }
    }

    @Test
    void aMissingInterfaceIsNamedAndAUnicastMacRefused() {
        try (TestNetwork net = TestNetwork.create()) {
            Netns member = net.namespace("member");

            assertThatThrownBy(() -> member.runInside(() -> EthernetMulticastMembership.join("nosuch0", GROUP)))
                    .rootCause().isInstanceOf(SystemCallException.class).hasMessageContaining("nosuch0");
            assertThatThrownBy(() -> EthernetMulticastMembership.join("lo", HexFormat.of().parseHex("02bf0a4d0064")))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    private static String multicastList(Netns ns) {
        return ns.execOrThrow("ip", "maddr", "show", "dev", "lan0");
    }
}
