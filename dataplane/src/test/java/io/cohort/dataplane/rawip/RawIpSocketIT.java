package io.cohort.dataplane.rawip;

import static org.assertj.core.api.Assertions.assertThat;

import io.cohort.telemetry.Counters;
import io.cohort.testbed.Netns;
import io.cohort.testbed.Privileges;
import io.cohort.testbed.TestNetwork;
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

/** Two namespaces behind a veth exchange GRE datagrams through raw sockets. */
class RawIpSocketIT {
    private static final Inet4Address A = ipv4("192.0.2.1");
    private static final Inet4Address B = ipv4("192.0.2.2");
    /** An enhanced GRE packet (RFC 2637 4.1): K, S, Ver 1, 0x880B, length 4, call 7, seq 0, PPP LCP. */
    private static final byte[] GRE = HexFormat.of().parseHex("3001880b00040007" + "00000000" + "c0210101");

    private TestNetwork net;
    private RawIpSocket a;
    private RawIpSocket b;
    private RawIpReader readerA;
    private RawIpReader readerB;

    record Received(Inet4Address source, byte[] payload) {
    }

    @BeforeEach
    void twoNamespaces() {
        Privileges.assumeNetworkAdmin();
        net = TestNetwork.create();
        Netns nsA = net.namespace("grea");
        Netns nsB = net.namespace("greb");
        net.veth(nsA, "v-a", nsB, "v-b");
        nsA.addAddress("v-a", "192.0.2.1/24");
        nsB.addAddress("v-b", "192.0.2.2/24");
        nsA.linkUp("v-a");
        nsB.linkUp("v-b");
        a = nsA.runInside(() -> RawIpSocket.open(RawIpSocket.IPPROTO_GRE, A));
        b = nsB.runInside(() -> RawIpSocket.open(RawIpSocket.IPPROTO_GRE, ipv4("0.0.0.0")));
    }

    @AfterEach
    void tearDown() throws InterruptedException {
        for (RawIpReader r : new RawIpReader[] {readerA, readerB}) {
            if (r != null) {
                r.close();
            }
        }
        for (RawIpSocket s : new RawIpSocket[] {a, b}) {
            if (s != null) {
                s.close();
            }
        }
        if (net != null) {
            net.close();
        }
    }

    @Test
    void greDatagramsGoBothWaysWithTheSourceAndWithoutTheIpHeader() throws Exception {
        BlockingQueue<Received> atA = new LinkedBlockingQueue<>();
        BlockingQueue<Received> atB = new LinkedBlockingQueue<>();
        Counters counters = new Counters();
        readerA = RawIpReader.start(a, (src, p) -> atA.add(new Received(src, bytes(p))), counters);
        readerB = RawIpReader.start(b, (src, p) -> atB.add(new Received(src, bytes(p))), counters);

        assertThat(a.send(B, ByteBuffer.wrap(GRE))).isTrue();
        Received first = atB.poll(5, TimeUnit.SECONDS);
        assertThat(first).isNotNull();
        assertThat(first.source()).isEqualTo(A);
        assertThat(first.payload()).isEqualTo(GRE);

        assertThat(b.send(A, ByteBuffer.wrap(GRE, 0, 8))).isTrue();
        Received answer = atA.poll(5, TimeUnit.SECONDS);
        assertThat(answer).isNotNull();
        assertThat(answer.source()).isEqualTo(B);
        assertThat(answer.payload()).isEqualTo(java.util.Arrays.copyOf(GRE, 8));
        assertThat(counters.counter("rawip.rx.malformed").get()).isZero();
    }

    /** As root the FORCE options pass net.core.rmem_max, so the whole request is granted. */
    @Test
    void buffersBeyondTheSystemDefaultAreGrantedToRoot() throws Exception {
        assertThat(a.setBuffers(4 << 20)).isEqualTo(4 << 20);
        assertThat(b.setBuffers(1 << 20)).isEqualTo(1 << 20);
    }

    @Test
    void closeEndsABlockedReader() throws Exception {
        readerA = RawIpReader.start(a, (src, p) -> { }, new Counters());
        assertThat(readerA.isRunning()).isTrue();

        readerA.close();

        assertThat(readerA.isRunning()).isFalse();
        assertThat(readerA.failure()).isEmpty();
    }

    private static byte[] bytes(ByteBuffer b) {
        byte[] out = new byte[b.remaining()];
        b.get(out);
        return out;
    }

    private static Inet4Address ipv4(String literal) {
        try {
            return (Inet4Address) InetAddress.getByName(literal);
        } catch (java.net.UnknownHostException e) {
            throw new AssertionError(e);
        }
    }
}
