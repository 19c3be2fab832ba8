package io.cohort.steering.member;

import static org.assertj.core.api.Assertions.assertThat;

import io.cohort.testbed.Netns;
import io.cohort.testbed.Privileges;
import io.cohort.testbed.TestNetwork;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A held frame handed back to the master itself reaches the master's socket on the cluster IP:
 * written to the TUN device, received by the kernel as if it had just arrived from the client,
 * whose address is routed through another interface, with strict reverse-path filtering set for
 * all interfaces.
 */
class SelfDeliveryIT {
    private static final String CLUSTER_IP = "10.77.9.100";
    private static final String CLIENT_IP = "10.77.9.200";

    @BeforeEach
    void needsRoot() {
        Privileges.assumeNetworkAdmin();
    }

    @Test
    void aDeliveredFrameReachesTheSocketOnTheClusterIp() throws Exception {
        try (TestNetwork net = TestNetwork.create()) {
            Netns master = net.namespace("self");
            master.execOrThrow("ip", "link", "add", "eth0", "type", "veth", "peer", "name", "eth0-peer");
            master.addAddress("eth0", "10.77.9.11/24"); // the client's LAN: its address routes here
            master.linkUp("eth0");
            master.addAddress("lo", CLUSTER_IP + "/32");
            master.sysctl("net.ipv4.conf.all.rp_filter", "1"); // strict everywhere: the device must loosen its own

            String received = master.runInside(() -> {
                try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress(CLUSTER_IP, 1701));
                     SelfDelivery delivery = SelfDelivery.open((java.net.Inet4Address) InetAddress.getByName(CLUSTER_IP))) {
                    socket.setSoTimeout(5_000);
                    delivery.deliver(frame("held SCCRQ".getBytes(StandardCharsets.US_ASCII)));
                    DatagramPacket packet = new DatagramPacket(new byte[100], 100);
                    socket.receive(packet);
                    assertThat(packet.getAddress().getHostAddress()).isEqualTo(CLIENT_IP);
                    assertThat(packet.getPort()).isEqualTo(40_000);
                    return new String(packet.getData(), 0, packet.getLength(), StandardCharsets.US_ASCII);
                }
            });

            assertThat(received).isEqualTo("held SCCRQ");
        }
    }

    /** An Ethernet frame with a UDP datagram from the client to the cluster IP's port 1701 (UDP checksum 0: none). */
    private static byte[] frame(byte[] payload) throws Exception {
        int total = 20 + 8 + payload.length;
        ByteBuffer ip = ByteBuffer.allocate(total);
        ip.put((byte) 0x45).put((byte) 0).putShort((short) total).putInt(0).put((byte) 64).put((byte) 17)
                .putShort((short) 0).put(InetAddress.getByName(CLIENT_IP).getAddress())
                .put(InetAddress.getByName(CLUSTER_IP).getAddress());
        long sum = 0;
        for (int i = 0; i < 20; i += 2) {
            sum += ip.getShort(i) & 0xFFFF;
        }
        while (sum >>> 16 != 0) {
            sum = (sum & 0xFFFF) + (sum >>> 16);
        }
        ip.putShort(10, (short) ~sum);
        ip.putShort((short) 40_000).putShort((short) 1701).putShort((short) (8 + payload.length)).putShort((short) 0)
                .put(payload);
        ByteBuffer frame = ByteBuffer.allocate(14 + total);
        frame.put(new byte[12]).putShort((short) 0x0800).put(ip.array());
        return frame.array();
    }
}
