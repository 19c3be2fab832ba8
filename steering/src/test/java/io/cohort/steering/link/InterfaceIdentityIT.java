package io.cohort.steering.link;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cohort.testbed.Netns;
import io.cohort.testbed.Privileges;
import io.cohort.testbed.TestNetwork;
import java.io.IOException;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.pcap4j.util.MacAddress;

/** {@link InterfaceIdentity#read} sees the calling thread's namespace, with or without an IPv4 address. */
class InterfaceIdentityIT {
    @BeforeEach
    void requireRoot() {
        Privileges.assumeNetworkAdmin();
    }

    @Test
    void readsTheMacAndAddressInsideTheNamespace() {
        try (TestNetwork net = TestNetwork.create()) {
            Netns member = net.namespace("member");
            Netns peer = net.namespace("peer");
            net.veth(member, "lan0", peer, "lan1");
            MacAddress mac = MacAddress.getByName(member.execOrThrow("cat", "/sys/class/net/lan0/address").strip());

            assertThat(member.runInside(() -> InterfaceIdentity.read("lan0")))
                    .isEqualTo(new InterfaceIdentity("lan0", mac, Optional.empty()));

            member.addAddress("lan0", "10.77.0.1/24");
            member.addAddress("lan0", "10.78.0.1/24");
            assertThat(member.runInside(() -> InterfaceIdentity.read("lan0")).address())
                    .contains(LinkFixtures.ipv4("10.77.0.1"));

            assertThatThrownBy(() -> member.runInside(() -> InterfaceIdentity.read("nosuch0")))
                    .rootCause().isInstanceOf(IOException.class).hasMessageContaining("nosuch0");
        }
    }
}
