package io.cohort.steering.kernel;

import io.cohort.dataplane.rawip.RawIpSocket;
import io.cohort.testbed.Netns;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Inet4Address;
import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Counts what a non-owner must never send a client: TCP segments with RST and ICMP messages,
 * seen on raw sockets in the client's namespace (a raw socket gets a copy of every incoming
 * datagram of its protocol).
 */
final class ClientWatch implements AutoCloseable {
    private static final int IPPROTO_ICMP = 1;
    private static final int IPPROTO_TCP = 6;

    private final RawIpSocket icmpSocket;
    private final RawIpSocket tcpSocket;
    private final AtomicInteger icmp = new AtomicInteger();
    private final AtomicInteger resets = new AtomicInteger();

    ClientWatch(Netns client) {
        Inet4Address any = SteeringNetwork.address("0.0.0.0");
        this.icmpSocket = client.runInside(() -> RawIpSocket.open(IPPROTO_ICMP, any));
        this.tcpSocket = client.runInside(() -> RawIpSocket.open(IPPROTO_TCP, any));
        Thread.ofPlatform().daemon().name("watch-icmp").start(() -> read(icmpSocket, datagram -> icmp.incrementAndGet()));
        Thread.ofPlatform().daemon().name("watch-rst").start(() -> read(tcpSocket, datagram -> {
            int tcp = (datagram.get(0) & 0x0F) * 4;
            if ((datagram.get(tcp + 13) & 0x04) != 0) {
                resets.incrementAndGet();
            }
        }));
    }

    int icmpMessages() {
        return icmp.get();
    }

    int resets() {
        return resets.get();
    }

    private static void read(RawIpSocket socket, java.util.function.Consumer<ByteBuffer> counter) {
        ByteBuffer buffer = ByteBuffer.allocateDirect(65535);
        try {
            while (true) {
                buffer.clear();
                if (socket.receive(buffer) < 0) {
                    return;
                }
                counter.accept(buffer.flip());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        icmpSocket.close();
        tcpSocket.close();
    }
}
