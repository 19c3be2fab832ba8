package io.cohort.cluster.transport;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cohort.telemetry.Counters;
import io.cohort.testbed.Netns;
import io.cohort.testbed.Privileges;
import io.cohort.testbed.TestNetwork;
import java.net.BindException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Three members, each in its own network namespace with one interface {@code cl0} on a shared
 * bridge (10.77.0.1–3/24), talk through {@link ClusterTransport} in each mode. "Nothing else
 * arrived" is checked without sleeping: a later datagram on the same path is the marker, and
 * whatever should not arrive would have arrived before it.
 */
class ClusterTransportIT {
    private static final int PORT = 4793;
    private static final InetAddress GROUP = ip("239.77.0.1");
    private static final InetAddress BROADCAST = ip("10.77.0.255");
    private static final String INTERFACE = "cl0";

    private static TestNetwork network;
    private static final List<Netns> NAMESPACES = new ArrayList<>();

    private final List<Member> members = new ArrayList<>();

    @BeforeAll
    static void buildNetwork() {
        Privileges.assumeNetworkAdmin();
        network = TestNetwork.create();
        Netns bridge = network.namespace("bridge");
        network.bridge(bridge, "br0");
        for (int i = 1; i <= 3; i++) {
            Netns ns = network.namespace("member" + i);
            network.attachToBridge(ns, INTERFACE, bridge, "br0", "port" + i);
            ns.addAddress(INTERFACE, "10.77.0." + i + "/24");
            NAMESPACES.add(ns);
        }
    }

    @AfterAll
    static void tearDownNetwork() {
        if (network != null) {
            network.close();
        }
    }

    @AfterEach
    void closeMembers() {
        members.forEach(m -> m.transport.close());
    }

    @ParameterizedTest
    @EnumSource(TransportMode.class)
    void broadcastReachesEachOtherMemberOnceAndNotItself(TransportMode mode) throws InterruptedException {
        start(mode);
        Member one = members.get(0);
        Member two = members.get(1);
        Member three = members.get(2);

        one.transport.broadcast(bytes("hello"));
        one.transport.broadcast(bytes("end"));
        for (Member other : List.of(two, three)) {
            assertThat(other.next()).isEqualTo(new Received(one.address(), "hello"));
            assertThat(other.next()).isEqualTo(new Received(one.address(), "end"));
        }
        two.transport.send(one.address(), bytes("marker"));
        assertThat(one.next()).isEqualTo(new Received(two.address(), "marker"));

        for (Member member : members) {
            assertThat(member.inbox).isEmpty();
        }
        assertThat(two.counters.get("cluster.transport.rx.datagrams")).isEqualTo(2);
        assertThat(one.counters.get("cluster.transport.rx.datagrams")).isEqualTo(1);
        // A subnet broadcast always loops back to its sender; multicast is sent with loopback off.
        // The echoes come back through the interface, not in order with the marker: wait for them.
        long echoes = mode == TransportMode.BROADCAST ? 2 : 0;
        Awaitility.await("echoes counted").atMost(Duration.ofSeconds(5))
                .until(() -> one.counters.get("cluster.transport.rx.echoes") >= echoes);
        assertThat(one.counters.get("cluster.transport.rx.echoes")).isEqualTo(echoes);
    }

    @ParameterizedTest
    @EnumSource(TransportMode.class)
    void unicastReachesOnlyItsTarget(TransportMode mode) throws InterruptedException {
        start(mode);
        Member one = members.get(0);
        Member two = members.get(1);
        Member three = members.get(2);

        one.transport.send(three.address(), bytes("for three"));
        one.transport.broadcast(bytes("end"));
        // In group modes the two arrive on different sockets of member 3, in either order.
        assertThat(List.of(three.next(), three.next()))
                .containsExactlyInAnyOrder(new Received(one.address(), "for three"), new Received(one.address(), "end"));
        assertThat(two.next()).isEqualTo(new Received(one.address(), "end"));
        assertThat(two.inbox).isEmpty();
        // A reply handled on member 1's event loop comes after its sends were completed and counted.
        three.transport.send(one.address(), bytes("marker"));
        assertThat(one.next()).isEqualTo(new Received(three.address(), "marker"));
        assertThat(one.inbox).isEmpty();
        assertThat(one.counters.get("cluster.transport.tx.datagrams")).isEqualTo(mode == TransportMode.STATIC_PEERS ? 3 : 2);
        assertThat(one.counters.get("cluster.transport.tx.errors")).isZero();
    }

    @ParameterizedTest
    @EnumSource(TransportMode.class)
    void datagramsOverTheBoundAreDroppedAndCounted(TransportMode mode) throws InterruptedException {
        start(mode);
        Member one = members.get(0);
        Member two = members.get(1);
        int bound = one.transport.settings().maxDatagram();

        assertThatThrownBy(() -> two.transport.send(one.address(), new byte[bound + 1]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("exceeds the bound");
        NAMESPACES.get(1).doInside(() -> {
            try (DatagramSocket raw = new DatagramSocket(new InetSocketAddress(two.address().getAddress(), 0))) {
                raw.send(new DatagramPacket(new byte[bound + 1], bound + 1, one.address()));
                raw.send(new DatagramPacket(new byte[bound], bound, one.address()));
            }
        });
        two.transport.send(one.address(), bytes("marker"));
        Received fitting = one.next();
        assertThat(fitting.text()).hasSize(bound);
        assertThat(one.next()).isEqualTo(new Received(two.address(), "marker"));
        assertThat(one.counters.get("cluster.transport.rx.too_big")).isEqualTo(1);
        assertThat(one.counters.get("cluster.transport.rx.datagrams")).isEqualTo(2);
    }

    @ParameterizedTest
    @EnumSource(TransportMode.class)
    void closeReleasesThePort(TransportMode mode) {
        start(mode);
        Member one = members.get(0);
        List<InetSocketAddress> bound = mode == TransportMode.STATIC_PEERS ? List.of(one.address())
                : List.of(one.address(), new InetSocketAddress(one.transport.settings().groupAddress(), PORT));
        Netns inside = NAMESPACES.get(0);
        for (InetSocketAddress address : bound) {
            assertThatThrownBy(() -> inside.doInside(() -> bindWithoutReuse(address).close()))
                    .hasCauseInstanceOf(BindException.class);
        }
        one.transport.close();
        for (InetSocketAddress address : bound) {
            inside.doInside(() -> bindWithoutReuse(address).close());
        }
        // And the same settings open again.
        members.set(0, open(inside, one.transport.settings()));
    }

    private void start(TransportMode mode) {
        List<InetSocketAddress> everyone = List.of(member(1), member(2), member(3));
        for (int i = 1; i <= 3; i++) {
            InetAddress self = member(i).getAddress();
            TransportSettings settings = switch (mode) {
                case MULTICAST -> TransportSettings.multicast(self, PORT, GROUP, INTERFACE);
                case BROADCAST -> TransportSettings.broadcast(self, PORT, BROADCAST);
                case STATIC_PEERS -> TransportSettings.staticPeers(self, PORT, everyone);
            };
            members.add(open(NAMESPACES.get(i - 1), settings));
        }
    }

    private static Member open(Netns ns, TransportSettings settings) {
        BlockingQueue<Received> inbox = new LinkedBlockingQueue<>();
        Counters counters = new Counters();
        ClusterTransport transport = ns.runInside(() -> ClusterTransport.open(settings,
                (source, datagram) -> inbox.add(new Received(source, new String(datagram, US_ASCII))), counters));
        return new Member(transport, inbox, counters);
    }

    private static DatagramSocket bindWithoutReuse(InetSocketAddress address) throws java.net.SocketException {
        DatagramSocket socket = new DatagramSocket(null);
        socket.setReuseAddress(false);
        try {
            socket.bind(address);
        } catch (java.net.SocketException e) {
            socket.close();
            throw e;
        }
        return socket;
    }

    private static InetSocketAddress member(int i) {
        return new InetSocketAddress(ip("10.77.0." + i), PORT);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(US_ASCII);
    }

    private static InetAddress ip(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    private record Received(InetSocketAddress source, String text) { }

    private record Member(ClusterTransport transport, BlockingQueue<Received> inbox, Counters counters) {
        InetSocketAddress address() {
            return transport.settings().localAddress();
        }

        Received next() throws InterruptedException {
            Received received = inbox.poll(5, TimeUnit.SECONDS);
            assertThat(received).as("a datagram within 5 s").isNotNull();
            return received;
        }
    }
}
