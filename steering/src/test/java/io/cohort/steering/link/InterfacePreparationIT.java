package io.cohort.steering.link;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cohort.steering.SteeringMode;
import io.cohort.testbed.Netns;
import io.cohort.testbed.Privileges;
import io.cohort.testbed.TestNetwork;
import java.net.Inet4Address;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;
import org.pcap4j.util.MacAddress;

/**
 * {@link InterfacePreparation} as each mode applies it ({@link SteeringMode#prepareInterfaces}), in a
 * namespace: the mode's changes appear, and close restores the old state.
 */
class InterfacePreparationIT {
    private static final Inet4Address CLUSTER_IP = LinkFixtures.ipv4("10.77.0.100");

    @BeforeEach
    void requireRoot() {
        Privileges.assumeNetworkAdmin();
    }

    @ParameterizedTest
    @FieldSource("io.cohort.steering.SteeringMode#ALL")
    void appliesTheModesChangesAndUndoesThemOnClose(SteeringMode mode) {
        try (TestNetwork net = TestNetwork.create()) {
            Netns member = net.namespace("member");
            Netns peer = net.namespace("peer");
            net.veth(member, "lan0", peer, "lan1");
            member.sysctl("net.ipv4.conf.lan0.arp_announce", "1"); // an old value that must come back
            String lanMac = member.execOrThrow("cat", "/sys/class/net/lan0/address").strip();
            MacAddress steeringMac = mode.defaultMac(CLUSTER_IP, MacAddress.getByName(lanMac));

            InterfacePreparation preparation = member.runInside(
                    () -> mode.prepareInterfaces("lan0", CLUSTER_IP, steeringMac));

            assertThat(member.execOrThrow("ip", "-4", "-o", "addr", "show", "dev", "lo")).contains("inet 10.77.0.100/32");
            assertThat(sysctl(member, "arp_ignore")).isEqualTo("1");
            assertThat(sysctl(member, "arp_announce")).isEqualTo("2");
            assertThat(flags(member).contains("PROMISC")).isEqualTo(mode == SteeringMode.UNICAST);
            assertThat(member.execOrThrow("ip", "maddr", "show", "dev", "lan0").contains("03:bf:0a:4d:00:64"))
                    .isEqualTo(mode == SteeringMode.MULTICAST);
            assertThat(preparation.changes()).hasSize(mode == SteeringMode.FORWARDING ? 3 : 4);

            member.doInside(preparation::close);

            assertThat(member.execOrThrow("ip", "-4", "-o", "addr", "show", "dev", "lo")).doesNotContain("10.77.0.100");
            assertThat(sysctl(member, "arp_ignore")).isEqualTo("0");
            assertThat(sysctl(member, "arp_announce")).isEqualTo("1");
            assertThat(flags(member)).doesNotContain("PROMISC");
            assertThat(member.execOrThrow("ip", "maddr", "show", "dev", "lan0")).doesNotContain("03:bf:0a:4d:00:64");
        }
    }

    @Test
    void leavesAloneWhatWasAlreadyInPlace() {
        try (TestNetwork net = TestNetwork.create()) {
            Netns member = net.namespace("member");
            Netns peer = net.namespace("peer");
            net.veth(member, "lan0", peer, "lan1");
            member.addAddress("lo", "10.77.0.100/32");
            member.sysctl("net.ipv4.conf.lan0.arp_ignore", "1");

            InterfacePreparation preparation = member.runInside(() -> SteeringMode.FORWARDING.prepareInterfaces("lan0",
                    CLUSTER_IP, MacAddress.getByName("02:00:00:00:00:01")));
            assertThat(preparation.changes()).containsExactly("set arp_announce=2 on lan0 (was 0)");
            member.doInside(preparation::close);

            assertThat(member.execOrThrow("ip", "-4", "-o", "addr", "show", "dev", "lo")).contains("10.77.0.100/32");
            assertThat(sysctl(member, "arp_ignore")).isEqualTo("1");
            assertThat(sysctl(member, "arp_announce")).isEqualTo("0");
        }
    }

    @Test
    void aMissingInterfaceIsNamedInTheError() {
        try (TestNetwork net = TestNetwork.create()) {
            Netns member = net.namespace("member");

            assertThatThrownBy(() -> member.runInside(() -> SteeringMode.UNICAST.prepareInterfaces("nosuch0", CLUSTER_IP,
                    MacAddress.getByName("02:bf:0a:4d:00:64"))))
                    .rootCause().isInstanceOf(InterfacePreparationException.class).hasMessageContaining("nosuch0");
            assertThat(member.execOrThrow("ip", "-4", "-o", "addr", "show", "dev", "lo")).doesNotContain("10.77.0.100");
        }
    }

    @Test
    void theDefaultSteeringMacIsTheModes() {
        try (TestNetwork net = TestNetwork.create()) {
            Netns member = net.namespace("member");
            Netns peer = net.namespace("peer");
            net.veth(member, "lan0", peer, "lan1");

            InterfacePreparation preparation = member.runInside(() -> SteeringMode.MULTICAST.prepareInterfaces("lan0",
                    CLUSTER_IP, SteeringMode.MULTICAST.steeringMac(CLUSTER_IP, Optional.empty(),
                            InterfaceIdentity.read("lan0").mac())));

            assertThat(member.execOrThrow("ip", "maddr", "show", "dev", "lan0")).contains("03:bf:0a:4d:00:64");
            member.doInside(preparation::close);
        }
    }

    @Test
    void anUnsuitableSteeringMacChangesNothing() {
        try (TestNetwork net = TestNetwork.create()) {
            Netns member = net.namespace("member");
            Netns peer = net.namespace("peer");
            net.veth(member, "lan0", peer, "lan1");

            assertThatThrownBy(() -> member.runInside(() -> SteeringMode.MULTICAST.prepareInterfaces("lan0", CLUSTER_IP,
                    MacAddress.getByName("02:bf:0a:4d:00:64"))))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("multicast");
            assertThat(member.execOrThrow("ip", "-4", "-o", "addr", "show", "dev", "lo")).doesNotContain("10.77.0.100");
            assertThat(sysctl(member, "arp_ignore")).isEqualTo("0");
        }
    }

    private static String sysctl(Netns ns, String name) {
        return ns.execOrThrow("cat", "/proc/sys/net/ipv4/conf/lan0/" + name).strip();
    }

    private static String flags(Netns ns) {
        return ns.execOrThrow("ip", "-o", "link", "show", "dev", "lan0");
    }
}
