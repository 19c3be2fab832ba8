package io.cohort.steering.kernel;

import io.cohort.dataplane.rawip.RawIpSocket;
import io.cohort.testbed.Netns;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Inet4Address;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Sends enhanced GRE packets with chosen Call IDs from the client to the cluster address over a
 * raw socket and records the Call IDs a raw GRE socket on the server reads. Each batch ends with a
 * sentinel (Call ID 0) sent to the server's own address, which no filter rule matches: packets
 * over one veth arrive in order, so once the sentinel is in, every packet before it has arrived
 * or been dropped.
 */
final class GreProbe implements AutoCloseable {
    private static final int BATCH = 100;

    private final RawIpSocket serverSocket;
    private final RawIpSocket clientSocket;
    private final Set<Integer> received = ConcurrentHashMap.newKeySet();
    private final LinkedBlockingQueue<Integer> sentinels = new LinkedBlockingQueue<>();
    private static final int SENTINEL = 0;

    GreProbe(Netns server, Netns client, Inet4Address clientAddress) {
        this.serverSocket = server.runInside(() -> RawIpSocket.open(RawIpSocket.IPPROTO_GRE, SteeringNetwork.address("0.0.0.0")));
        this.clientSocket = client.runInside(() -> RawIpSocket.open(RawIpSocket.IPPROTO_GRE, clientAddress));
        Thread.ofPlatform().daemon().name("gre-probe").start(this::receive);
    }

    /** Sends every Call ID of {@code callIds} (never 0), then returns those the server read. */
    Set<Integer> send(List<Integer> callIds) throws IOException, InterruptedException {
        int start = 0;
        do {
            for (int i = start; i < Math.min(start + BATCH, callIds.size()); i++) {
                if (!clientSocket.send(SteeringNetwork.CLUSTER, SteeringNetwork.greHeader(callIds.get(i)))) {
                    throw new AssertionError("send buffer full");
                }
            }
            clientSocket.send(SteeringNetwork.SERVER, SteeringNetwork.greHeader(SENTINEL));
            if (sentinels.poll(Duration.ofSeconds(10).toMillis(), TimeUnit.MILLISECONDS) == null) {
                throw new AssertionError("sentinel GRE packet did not arrive");
            }
            start += BATCH;
        } while (start < callIds.size());
        return Set.copyOf(received);
    }

    /** Forgets what arrived so far. */
    void reset() {
        received.clear();
    }

    private void receive() {
        ByteBuffer buffer = ByteBuffer.allocateDirect(65535);
        try {
            while (true) {
                buffer.clear();
                if (serverSocket.receive(buffer) < 0) {
                    return;
                }
                buffer.flip();
                int gre = (buffer.get(0) & 0x0F) * 4; // raw sockets deliver the IPv4 header too
                int callId = buffer.getShort(gre + 6) & 0xFFFF;
                if (callId == SENTINEL) {
                    sentinels.add(callId);
                } else {
                    received.add(callId);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        serverSocket.close();
        clientSocket.close();
    }
}
