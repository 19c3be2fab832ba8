package io.cohort.steering.link;

import static io.cohort.steering.link.SteeringLan.CLIENT_IP;
import static io.cohort.steering.link.SteeringLan.CLUSTER_IP;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.cohort.cluster.unit.FlowKey;
import io.cohort.cluster.unit.WorkFilter;
import io.cohort.cluster.unit.WorkUnit;
import io.cohort.steering.SteeringMode;
import io.cohort.telemetry.Counters;
import io.cohort.testbed.Netns;
import io.cohort.testbed.Privileges;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/**
 * The master's capture on a bridged LAN: in every mode it classifies what clients send to the
 * cluster IP; and mode 1 on a bridged LAN of a client, a master and an owner, both members prepared for
 * forwarding: the client's L2TP datagram to the cluster IP reaches the master (it answered the
 * ARP), whose capture classifies it and forwards the frame to the owner; the owner's socket on
 * the cluster IP receives it and answers the client directly from the cluster IP. The owner's
 * MAC was unknown to the master, so the frame also went through the ARP request and the queue.
 */
class FrameForwardingIT {
    private static final int TIMEOUT_MILLIS = 10_000;
    private static final int L2TP_PORT = 1701;

    @BeforeEach
    void requireRoot() {
        Privileges.assumeNetworkAdmin();
    }

    @Test
    void theMasterForwardsToTheOwnerWhichAnswersTheClientFromTheClusterIp() throws Exception {
        try (SteeringLan lan = SteeringLan.create(2)) {
            Netns master = lan.member(1);
            Netns owner = lan.member(2);
            lan.prepare(master, SteeringMode.FORWARDING);
            lan.prepare(owner, SteeringMode.FORWARDING);
            // The client's veth leaves UDP checksums partial (offload): the master completes them (PartialChecksum).

            Counters counters = new Counters();
            List<WorkUnit> steered = new CopyOnWriteArrayList<>();
            AtomicReference<SteeringLink> link = new AtomicReference<>();
            // The cluster layer's decision, reduced to "the owner owns everything".
            link.set(lan.open(master, SteeringMode.FORWARDING, counters, (unit, frame) -> {
                steered.add(unit);
                link.get().forwarder().forward(frame, SteeringLan.memberIp(2));
            }));
            link.get().arp().enable();

            try (DatagramSocket ownerSocket = owner.runInside(() -> bound(CLUSTER_IP.getHostAddress(), L2TP_PORT));
                 DatagramSocket masterSocket = master.runInside(() -> bound(CLUSTER_IP.getHostAddress(), L2TP_PORT));
                 DatagramSocket clientSocket = lan.client.runInside(() -> bound(CLIENT_IP.getHostAddress(), 0))) {
                byte[] sccrq = sccrqHeader();
                clientSocket.send(new DatagramPacket(sccrq, sccrq.length, new InetSocketAddress(CLUSTER_IP, L2TP_PORT)));

                DatagramPacket atOwner;
                try {
                    atOwner = receive(ownerSocket, TIMEOUT_MILLIS);
                } catch (SocketTimeoutException e) {
                    throw new AssertionError("the owner received nothing; master's counters: " + counters.snapshot(), e);
                }
                assertThat(Arrays.copyOf(atOwner.getData(), atOwner.getLength())).isEqualTo(sccrq);
                assertThat(atOwner.getSocketAddress()).isEqualTo(clientSocket.getLocalSocketAddress());

                byte[] reply = "reply from the owner".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
                ownerSocket.send(new DatagramPacket(reply, reply.length, atOwner.getSocketAddress()));
                DatagramPacket atClient = receive(clientSocket, TIMEOUT_MILLIS);
                assertThat(Arrays.copyOf(atClient.getData(), atClient.getLength())).isEqualTo(reply);
                assertThat(atClient.getSocketAddress()).isEqualTo(new InetSocketAddress(CLUSTER_IP, L2TP_PORT));

                // The master's kernel got the client's original frame (addressed to its MAC) once;
                // the frame it forwarded went out to the owner and never came back to it.
                assertThat(receive(masterSocket, TIMEOUT_MILLIS).getLength()).isEqualTo(sccrq.length);
                assertThatThrownBy(() -> receive(masterSocket, 300)).isInstanceOf(SocketTimeoutException.class);

                FlowKey key = new FlowKey.Ipv4Flow(ipv4(CLIENT_IP.getAddress()), ipv4(CLUSTER_IP.getAddress()), 17,
                        clientSocket.getLocalPort(), L2TP_PORT);
                assertThat(steered).containsExactly(WorkFilter.classify(key));
                assertThat(counters.get("steering.classified.l2tp")).isEqualTo(1);
                assertThat(counters.get("steering.forwarded")).isEqualTo(1);
                assertThat(counters.get("steering.unresolved_owner") + counters.get("steering.neighbour.from_kernel"))
                        .isEqualTo(1);
            }
        }
    }

    @ParameterizedTest
    @FieldSource("io.cohort.steering.SteeringMode#ALL")
    void theMasterClassifiesClientPacketsForTheClusterIpInEveryMode(SteeringMode mode) throws Exception {
        try (SteeringLan lan = SteeringLan.create(2)) {
            Netns master = lan.member(1);
            lan.prepare(master, mode);
            lan.prepare(lan.member(2), mode);
            Counters counters = new Counters();
            List<WorkUnit> steered = new CopyOnWriteArrayList<>();
            SteeringLink link = lan.open(master, mode, counters, (unit, frame) -> steered.add(unit));
            link.arp().enable();

            try (DatagramSocket clientSocket = lan.client.runInside(() -> bound(CLIENT_IP.getHostAddress(), 0));
                 Socket tcp = new Socket()) {
                byte[] sccrq = sccrqHeader();
                clientSocket.send(new DatagramPacket(sccrq, sccrq.length, new InetSocketAddress(CLUSTER_IP, L2TP_PORT)));
                // java.net.Socket creates its descriptor on bind: bind and connect inside the client.
                lan.client.doInside(() -> {
                    tcp.bind(new InetSocketAddress(CLIENT_IP, 0));
                    try {
                        // In modes 2 and 3 no kernel takes the SYN (that is the kernel filter's job, elsewhere).
                        tcp.connect(new InetSocketAddress(CLUSTER_IP, 1723), 300);
                    } catch (IOException refusedOrTimedOut) {
                        // only the SYN matters here
                    }
                });

                WorkUnit l2tpUnit = WorkFilter.classify(new FlowKey.Ipv4Flow(ipv4(CLIENT_IP.getAddress()),
                        ipv4(CLUSTER_IP.getAddress()), 17, clientSocket.getLocalPort(), L2TP_PORT));
                WorkUnit pptpUnit = WorkFilter.classify(new FlowKey.Ipv4Flow(ipv4(CLIENT_IP.getAddress()),
                        ipv4(CLUSTER_IP.getAddress()), 6, tcp.getLocalPort(), 1723));
                await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(20)).untilAsserted(
                        () -> assertThat(List.copyOf(steered)).as("units steered, counters %s", counters.snapshot())
                                .contains(l2tpUnit, pptpUnit));
                assertThat(counters.get("steering.classified.l2tp")).isEqualTo(1);
                assertThat(counters.get("steering.classified.pptp_control")).isGreaterThanOrEqualTo(1);
            }
        }
    }

    private static DatagramSocket bound(String address, int port) throws Exception {
        return new DatagramSocket(new InetSocketAddress(address, port));
    }

    private static DatagramPacket receive(DatagramSocket socket, int timeoutMillis) throws Exception {
        socket.setSoTimeout(timeoutMillis);
        DatagramPacket packet = new DatagramPacket(new byte[1500], 1500);
        socket.receive(packet);
        return packet;
    }

    /** An SCCRQ's L2TP header and Message Type AVP (RFC 2661 sections 3.1 and 6.1): Tunnel ID 0. */
    private static byte[] sccrqHeader() {
        return ByteBuffer.allocate(20).putShort((short) 0xC802).putShort((short) 20).putShort((short) 0)
                .putShort((short) 0).putShort((short) 0).putShort((short) 0)
                .putShort((short) 0x8008).putShort((short) 0).putShort((short) 0).putShort((short) 1).array();
    }

    private static int ipv4(byte[] address) {
        return ByteBuffer.wrap(address).getInt();
    }
}
