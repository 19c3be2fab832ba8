package io.cohort.dataplane.tun;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cohort.dataplane.libc.SystemCallException;
import io.cohort.dataplane.netlink.InterfaceConfig;
import io.cohort.dataplane.netlink.NetlinkSocket;
import io.cohort.dataplane.netlink.Routes;
import io.cohort.telemetry.Counters;
import io.cohort.testbed.Netns;
import io.cohort.testbed.Privileges;
import io.cohort.testbed.TestNetwork;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A real TUN device in a test namespace, configured through netlink, carrying real UDP. */
class TunDeviceIT {
    private static final Inet4Address LOCAL = ipv4("10.98.0.1");
    private static final Inet4Address PEER = ipv4("10.98.0.2");
    private static final Inet4Address REMOTE = ipv4("10.99.0.5");

    private TestNetwork net;
    private Netns ns;
    private TunDevice tun;
    private NetlinkSocket netlink;

    @BeforeEach
    void createConfiguredTun() throws Exception {
        Privileges.assumeNetworkAdmin();
        net = TestNetwork.create();
        ns = net.namespace("tun");
        ns.sysctl("net.ipv6.conf.default.disable_ipv6", "1"); // no IPv6 chatter on the TUN
        tun = ns.runInside(() -> TunDevice.open("ct%d"));
        netlink = ns.runInside(NetlinkSocket::open);
        InterfaceConfig config = new InterfaceConfig(netlink);
        config.setMtu(tun.name(), 1400);
        config.addPointToPoint(tun.name(), LOCAL, PEER);
        config.setUp(tun.name());
        new Routes(netlink).add(tun.name(), ipv4("10.99.0.0"), 24);
    }

    @AfterEach
    void tearDown() {
        if (netlink != null) {
            netlink.close();
        }
        if (tun != null) {
            tun.close();
        }
        if (net != null) {
            net.close();
        }
    }

    @Test
    void kernelAssignsTheNumberAndShowsMtuAddressAndRoute() {
        assertThat(tun.name()).matches("ct\\d+");
        assertThat(ns.execOrThrow("ip", "link", "show", "dev", tun.name())).contains("mtu 1400").contains("UP");
        assertThat(ns.execOrThrow("ip", "-4", "addr", "show", "dev", tun.name())).contains("inet 10.98.0.1 peer 10.98.0.2/32");
        assertThat(ns.execOrThrow("ip", "route")).contains("10.99.0.0/24 dev " + tun.name());
    }

    @Test
    void udpDatagramRoutedIntoTheTunIsReadAsExactlyThatIpv4Packet() throws Exception {
        byte[] payload = "to the tunnel".getBytes(StandardCharsets.US_ASCII);
        try (DatagramSocket socket = ns.runInside(() -> new DatagramSocket(new InetSocketAddress(LOCAL, 40000)))) {
            socket.send(new DatagramPacket(payload, payload.length, new InetSocketAddress(REMOTE, 5000)));
        }
        ByteBuffer packet = ByteBuffer.allocateDirect(2000);
        int n = CompletableFuture.supplyAsync(() -> readOne(packet)).get(10, TimeUnit.SECONDS);

        byte[] expected = Ipv4UdpPackets.build(LOCAL, 40000, REMOTE, 5000, payload);
        assertThat(n).isEqualTo(expected.length);
        byte[] got = new byte[n];
        packet.flip().get(got);
        // Identification, flags and TTL are the kernel's choice; everything else must match byte for byte.
        assertThat(got[0]).isEqualTo((byte) 0x45);
        assertThat(got[9]).as("protocol").isEqualTo((byte) 17);
        assertThat(java.util.Arrays.copyOfRange(got, 12, n)).as("addresses, UDP header with checksum, payload")
                .isEqualTo(java.util.Arrays.copyOfRange(expected, 12, n));
        assertThat(Ipv4UdpPackets.checksum(got, 0, Ipv4UdpPackets.IP_HEADER, 0)).as("IP header checksum verifies").isZero();
    }

    @Test
    void packetWrittenToTheTunReachesASocketInTheNamespace() throws Exception {
        byte[] payload = "from the tunnel".getBytes(StandardCharsets.US_ASCII);
        try (DatagramSocket socket = ns.runInside(() -> new DatagramSocket(new InetSocketAddress(LOCAL, 6000)))) {
            socket.setSoTimeout(10_000);
            byte[] packet = Ipv4UdpPackets.build(REMOTE, 7000, LOCAL, 6000, payload);
            tun.write(ByteBuffer.allocateDirect(packet.length).put(packet).flip());
            tun.write(ByteBuffer.wrap(packet)); // heap buffers work too, through a copy

            for (int i = 0; i < 2; i++) {
                DatagramPacket received = new DatagramPacket(new byte[100], 100);
                socket.receive(received);
                assertThat(new String(received.getData(), 0, received.getLength(), StandardCharsets.US_ASCII))
                        .isEqualTo("from the tunnel");
                assertThat(received.getSocketAddress()).isEqualTo(new InetSocketAddress(REMOTE, 7000));
            }
        }
    }

    @Test
    void routeDeletionRemovesTheRouteAndASecondDeletionReportsESRCH() throws Exception {
        Routes routes = new Routes(netlink);
        routes.delete(tun.name(), ipv4("10.99.0.0"), 24);
        assertThat(ns.execOrThrow("ip", "route")).doesNotContain("10.99.0.0/24");
        assertThatThrownBy(() -> routes.delete(tun.name(), ipv4("10.99.0.0"), 24))
                .isInstanceOf(SystemCallException.class)
                .hasMessageContaining("RTM_DELROUTE(10.99.0.0/24) on " + tun.name())
                .hasMessageContaining("errno 3 (No such process)");
    }

    @Test
    void addingAnExistingRouteReportsEEXIST() {
        assertThatThrownBy(() -> new Routes(netlink).add(tun.name(), ipv4("10.99.0.0"), 24))
                .isInstanceOf(SystemCallException.class)
                .hasMessageContaining("errno 17 (File exists)");
    }

    @Test
    void ipv6AddressAndRoute() throws Exception {
        ns.sysctl("net.ipv6.conf." + tun.name() + ".disable_ipv6", "0");
        new InterfaceConfig(netlink).addAddress(tun.name(), InetAddress.getByName("fd00:98::1"), 64);
        new Routes(netlink).add(tun.name(), InetAddress.getByName("fd00:99::"), 64);
        assertThat(ns.execOrThrow("ip", "-6", "addr", "show", "dev", tun.name())).contains("inet6 fd00:98::1/64");
        assertThat(ns.execOrThrow("ip", "-6", "route")).contains("fd00:99::/64 dev " + tun.name());
        new Routes(netlink).delete(tun.name(), InetAddress.getByName("fd00:99::"), 64);
        assertThat(ns.execOrThrow("ip", "-6", "route")).doesNotContain("fd00:99::/64");
    }

    @Test
    void linkDownAndAddressDeletion() throws Exception {
        InterfaceConfig config = new InterfaceConfig(netlink);
        config.setDown(tun.name());
        assertThat(ns.execOrThrow("ip", "link", "show", "dev", tun.name())).doesNotContain(",UP");
        config.addAddress(tun.name(), ipv4("10.97.0.1"), 24);
        config.deleteAddress(tun.name(), ipv4("10.97.0.1"), 24);
        assertThat(ns.execOrThrow("ip", "addr", "show", "dev", tun.name())).doesNotContain("10.97.0.1");
    }

    @Test
    void closeUnblocksAReaderAndRemovesTheDevice() throws Exception {
        Counters counters = new Counters();
        TunReader reader = TunReader.start(tun, packet -> { }, counters);
        assertThat(reader.isRunning()).isTrue();
        reader.close();
        assertThat(reader.isRunning()).isFalse();
        assertThat(reader.failure()).isEmpty();
        assertThat(ns.exec("ip", "link", "show", "dev", tun.name()).exitCode()).isNotZero();
        assertThat(tun.read(ByteBuffer.allocateDirect(100))).isEqualTo(-1);
    }

    @Test
    void readerHandsEveryPacketToTheConsumerAndCountsIt() throws Exception {
        Counters counters = new Counters();
        CompletableFuture<byte[]> first = new CompletableFuture<>();
        try (TunReader reader = TunReader.start(tun, packet -> {
            byte[] copy = new byte[packet.remaining()];
            packet.get(copy);
            first.complete(copy);
        }, counters)) {
            byte[] payload = new byte[] {1, 2, 3};
            try (DatagramSocket socket = ns.runInside(() -> new DatagramSocket(new InetSocketAddress(LOCAL, 0)))) {
                socket.send(new DatagramPacket(payload, payload.length, new InetSocketAddress(REMOTE, 9)));
            }
            byte[] packet = first.get(10, TimeUnit.SECONDS);
            assertThat(packet).hasSize(20 + 8 + 3);
            assertThat(counters.get("tun.rx.packets")).isGreaterThanOrEqualTo(1);
            assertThat(counters.get("tun.rx.bytes")).isGreaterThanOrEqualTo(31);
        }
    }

    @Test
    void openingATunOverAnExistingNonTunDeviceNamesItAndTheErrno() {
        assertThatThrownBy(() -> ns.runInside(() -> TunDevice.open("lo")))
                .rootCause()
                .isInstanceOf(SystemCallException.class)
                .hasMessageContaining("ioctl(TUNSETIFF) on lo failed: errno");
    }

    private int readOne(ByteBuffer into) {
        try {
            return tun.read(into);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static Inet4Address ipv4(String text) {
        try {
            return (Inet4Address) InetAddress.getByName(text);
        } catch (java.net.UnknownHostException e) {
            throw new IllegalArgumentException(text, e);
        }
    }
}
