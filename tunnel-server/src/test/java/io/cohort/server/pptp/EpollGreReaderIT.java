package io.cohort.server.pptp;

import static org.assertj.core.api.Assertions.assertThat;

import io.cohort.dataplane.rawip.RawIpSocket;
import io.cohort.telemetry.Counters;
import io.cohort.testbed.Netns;
import io.cohort.testbed.Privileges;
import io.cohort.testbed.TestNetwork;
import io.netty.channel.IoEventLoop;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.nio.NioIoHandler;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.util.HexFormat;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The raw GRE socket read by an epoll event loop: datagrams from another namespace arrive on
 * the loop thread with their source and without the IPv4 header; closing cancels the epoll
 * registration and closes the socket, whether the loop is still running or already shut down.
 */
class EpollGreReaderIT {
    private static final byte[] GRE = HexFormat.of().parseHex("3001880b00040007" + "00000000" + "c0210101");

    private TestNetwork net;
    private Netns nsA;
    private Netns nsB;
    private MultiThreadIoEventLoopGroup group;

    record Received(Inet4Address source, byte[] payload, boolean onLoop) {
    }

    @BeforeEach
    void twoNamespaces() {
        Privileges.assumeNetworkAdmin();
        net = TestNetwork.create();
        nsA = net.namespace("egra");
        nsB = net.namespace("egrb");
        net.veth(nsA, "v-a", nsB, "v-b");
        nsA.addAddress("v-a", "192.0.2.1/24");
        nsB.addAddress("v-b", "192.0.2.2/24");
        nsA.linkUp("v-a");
        nsB.linkUp("v-b");
        group = new MultiThreadIoEventLoopGroup(1, EpollIoHandler.newFactory());
    }

    @AfterEach
    void tearDown() {
        if (group != null) {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        }
        if (net != null) {
            net.close();
        }
    }

    @Test
    void datagramsArriveOnTheLoopAndCloseReleasesTheSocket() throws Exception {
        IoEventLoop loop = (IoEventLoop) group.next();
        RawIpSocket a = nsA.runInside(() -> RawIpSocket.open(RawIpSocket.IPPROTO_GRE, ipv4("192.0.2.1")));
        Counters counters = new Counters();
        BlockingQueue<Received> received = new LinkedBlockingQueue<>();
        assertThat(EpollGreReader.supported(loop)).isTrue();
        EpollGreReader reader = EpollGreReader.register(a, loop, (source, payload) -> {
            byte[] bytes = new byte[payload.remaining()];
            payload.get(bytes);
            received.add(new Received(source, bytes, loop.inEventLoop()));
        }, counters);
        try (RawIpSocket b = nsB.runInside(() -> RawIpSocket.open(RawIpSocket.IPPROTO_GRE, ipv4("0.0.0.0")))) {
            for (int i = 0; i < 3; i++) {
                assertThat(b.send(ipv4("192.0.2.1"), ByteBuffer.wrap(GRE))).isTrue();
            }
            for (int i = 0; i < 3; i++) {
                Received r = received.poll(5, TimeUnit.SECONDS);
                assertThat(r).isNotNull();
                assertThat(r.source()).isEqualTo(ipv4("192.0.2.2"));
                assertThat(r.payload()).isEqualTo(GRE);
                assertThat(r.onLoop()).isTrue();
            }
        }
        assertThat(counters.get("rawip.rx.packets")).isEqualTo(3);
        assertThat(reader.reading()).isTrue();

        reader.close();
        reader.close();

        assertThat(reader.reading()).isFalse();
        assertThat(reader.failure()).isEmpty();
        assertThat(a.receiveNow(ByteBuffer.allocateDirect(64))).as("the socket is closed").isEqualTo(-1);
    }

    @Test
    void aLoopShutDownFirstClosesTheReaderWithIt() throws Exception {
        IoEventLoop loop = (IoEventLoop) group.next();
        RawIpSocket a = nsA.runInside(() -> RawIpSocket.open(RawIpSocket.IPPROTO_GRE, ipv4("192.0.2.1")));
        EpollGreReader reader = EpollGreReader.register(a, loop, (source, payload) -> { }, new Counters());

        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        group = null;
        reader.close();

        assertThat(reader.reading()).isFalse();
        assertThat(a.receiveNow(ByteBuffer.allocateDirect(64))).isEqualTo(-1);
    }

    @Test
    void aLoopWithoutEpollIsNotSupported() {
        MultiThreadIoEventLoopGroup nio = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        try {
            assertThat(EpollGreReader.supported(nio.next())).isFalse();
        } finally {
            nio.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }

    private static Inet4Address ipv4(String literal) {
        try {
            return (Inet4Address) InetAddress.getByName(literal);
        } catch (java.net.UnknownHostException e) {
            throw new AssertionError(e);
        }
    }
}
