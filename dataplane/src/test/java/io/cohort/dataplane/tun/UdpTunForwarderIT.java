package io.cohort.dataplane.tun;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.cohort.dataplane.netlink.InterfaceConfig;
import io.cohort.dataplane.netlink.NetlinkSocket;
import io.cohort.telemetry.Counters;
import io.cohort.testbed.Netns;
import io.cohort.testbed.Privileges;
import io.cohort.testbed.TestNetwork;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.DatagramChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class UdpTunForwarderIT {
    @BeforeEach
    void requireRoot() {
        Privileges.assumeNetworkAdmin();
    }

    @Test
    void ipPacketsCarriedInUdpComeOutOfTheTun() throws Exception {
        Inet4Address local = (Inet4Address) InetAddress.getByName("10.98.0.1");
        Inet4Address remote = (Inet4Address) InetAddress.getByName("10.99.0.5");
        try (TestNetwork net = TestNetwork.create()) {
            Netns ns = net.namespace("fwd");
            Counters counters = new Counters();
            try (TunDevice tun = ns.runInside(() -> TunDevice.open("fwd%d"));
                 NetlinkSocket netlink = ns.runInside(NetlinkSocket::open)) {
                InterfaceConfig config = new InterfaceConfig(netlink);
                config.addPointToPoint(tun.name(), local, remote);
                config.setUp(tun.name());
                DatagramChannel udp = ns.runInside(() -> DatagramChannel.open().bind(new InetSocketAddress("127.0.0.1", 0)));
                try (UdpTunForwarder forwarder = UdpTunForwarder.start(udp, tun, counters);
                     DatagramSocket inner = ns.runInside(() -> new DatagramSocket(new InetSocketAddress(local, 6000)));
                     DatagramSocket outer = ns.runInside(DatagramSocket::new)) {
                    inner.setSoTimeout(10_000);
                    byte[] packet = Ipv4UdpPackets.build(remote, 7000, local, 6000,
                            "inner".getBytes(StandardCharsets.US_ASCII));
                    outer.send(new DatagramPacket(packet, packet.length, udp.getLocalAddress()));

                    DatagramPacket received = new DatagramPacket(new byte[100], 100);
                    inner.receive(received);
                    assertThat(new String(received.getData(), 0, received.getLength(), StandardCharsets.US_ASCII))
                            .isEqualTo("inner");
                    // the forwarder counts after its write to the TUN, so the counters may trail the delivery
                    await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
                        assertThat(counters.get("forwarder.packets")).isEqualTo(1);
                        assertThat(counters.get("forwarder.bytes")).isEqualTo(packet.length);
                    });

                    forwarder.close();
                    assertThat(forwarder.isRunning()).isFalse();
                    assertThat(forwarder.failure()).isEmpty();
                }
            }
        }
    }
}
