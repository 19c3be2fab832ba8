package io.cohort.benchmarks.live;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The traffic generator of the data-plane runs, the same for the server and the baseline: one
 * platform thread sends pre-encoded datagrams round-robin, as fast as the socket takes them, until
 * closed. Nothing is encoded or allocated per packet (beyond what {@code DatagramChannel.send}
 * does), so the generator costs the same per datagram whatever the datagrams carry.
 */
final class DatagramBlaster implements AutoCloseable {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    /** Where the datagrams go: one UDP send each (position to limit). */
    @FunctionalInterface
    interface Sink {
        void send(ByteBuffer datagram) throws IOException;
    }

    private final ByteBuffer[] datagrams;
    private final Sink sink;
    private final AtomicLong sent = new AtomicLong();
    private final Thread thread;
    private volatile boolean stopping;
    private volatile Exception failure;

    private DatagramBlaster(List<ByteBuffer> datagrams, Sink sink) {
        this.datagrams = datagrams.stream().map(ByteBuffer::duplicate).toArray(ByteBuffer[]::new);
        this.sink = sink;
        this.thread = Thread.ofPlatform().name("blaster").daemon().unstarted(this::loop);
    }

    static DatagramBlaster start(List<ByteBuffer> datagrams, Sink sink) {
        DatagramBlaster b = new DatagramBlaster(datagrams, sink);
        b.thread.start();
        return b;
    }

    long sent() {
        return sent.get();
    }

    /** CPU time of the sending thread (user + system: the kernel's UDP send path is in it). */
    double cpuSeconds() {
        return THREADS.getThreadCpuTime(thread.threadId()) / 1e9;
    }

    private void loop() {
        int i = 0;
        try {
            while (!stopping) {
                ByteBuffer d = datagrams[i];
                d.position(0);
                sink.send(d);
                sent.setOpaque(sent.getPlain() + 1);
                if (++i == datagrams.length) {
                    i = 0;
                }
            }
        } catch (IOException | RuntimeException e) {
            failure = e;
        }
    }

    @Override
    public void close() throws InterruptedException {
        stopping = true;
        thread.join();
        if (failure != null) {
            throw new IllegalStateException("the generator failed", failure);
        }
    }
}
