package io.cohort.steering.kernel;

import io.cohort.testbed.Netns;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Sends one datagram per client endpoint to the cluster address and records which the server's
 * socket received. Datagrams go in batches, each closed by a sentinel from an endpoint whose unit
 * the server owns: datagrams over one veth arrive in order, so once the sentinel is in, every
 * datagram of the batch has either arrived or been dropped (no waiting on a clock).
 */
final class UdpProbe implements AutoCloseable {
    private static final int BATCH = 100;

    private final DatagramChannel receiver;
    private final Set<Integer> received = ConcurrentHashMap.newKeySet();
    private final BlockingQueue<Integer> sentinels = new ArrayBlockingQueue<>(1000);
    private final int port;

    UdpProbe(Netns server, int port) {
        this.port = port;
        this.receiver = server.runInside(() -> {
            DatagramChannel channel = DatagramChannel.open();
            channel.setOption(StandardSocketOptions.SO_RCVBUF, 1 << 20);
            return channel.bind(new InetSocketAddress(SteeringNetwork.CLUSTER, port));
        });
        Thread.ofPlatform().daemon().name("udp-probe").start(this::receive);
    }

    /** Sends from every endpoint of {@code from} (datagram i carries i), closing batches with {@code sentinel}. */
    Set<Integer> send(Netns client, List<Endpoint> from, Endpoint sentinel) throws InterruptedException {
        for (int start = 0, batch = 0; start < from.size(); start += BATCH, batch++) {
            int first = start;
            int sentinelValue = -1 - batch;
            client.runInside(() -> {
                for (int i = first; i < Math.min(first + BATCH, from.size()); i++) {
                    sendFrom(from.get(i), i);
                }
                sendFrom(sentinel, sentinelValue);
                return null;
            });
            Integer arrived = sentinels.poll(Duration.ofSeconds(10).toMillis(), TimeUnit.MILLISECONDS);
            if (arrived == null || arrived != sentinelValue) {
                throw new AssertionError("sentinel " + sentinelValue + " of batch " + batch + " did not arrive: " + arrived);
            }
        }
        return Set.copyOf(received);
    }

    private void sendFrom(Endpoint endpoint, int value) throws IOException {
        try (DatagramChannel channel = DatagramChannel.open()) {
            channel.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            channel.bind(endpoint.socketAddress());
            channel.send(ByteBuffer.allocate(4).putInt(value).flip(), new InetSocketAddress(SteeringNetwork.CLUSTER, port));
        }
    }

    private void receive() {
        ByteBuffer buffer = ByteBuffer.allocate(64);
        try {
            while (true) {
                buffer.clear();
                receiver.receive(buffer);
                int value = buffer.flip().getInt();
                if (value < 0) {
                    sentinels.add(value);
                } else {
                    received.add(value);
                }
            }
        } catch (ClosedChannelException closed) {
            // the probe is closed
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() throws IOException {
        receiver.close();
    }
}
