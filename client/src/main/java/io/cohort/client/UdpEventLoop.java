package io.cohort.client;

import io.cohort.time.ExecutorScheduler;
import io.cohort.time.Scheduler;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;

/**
 * One UDP socket and the single engine thread that drives the protocol engines behind it. A
 * blocking reader thread copies each datagram and hands it to the engine thread; engines send
 * from the engine thread with {@link #send}. This is the thin I/O adapter of STYLE.md: the
 * engines never see the socket.
 */
public final class UdpEventLoop implements AutoCloseable {
    private static final int MAX_DATAGRAM = 65_535;
    private static final int SOCKET_BUFFER = 4 << 20;

    private final DatagramChannel channel;
    private final ScheduledExecutorService engine;
    private final Scheduler scheduler;
    private final Thread reader;
    private final BiConsumer<InetSocketAddress, ByteBuffer> onDatagram;
    private volatile boolean closed;

    private UdpEventLoop(DatagramChannel channel, String name, BiConsumer<InetSocketAddress, ByteBuffer> onDatagram) {
        this.channel = channel;
        this.onDatagram = onDatagram;
        ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1,
                Thread.ofPlatform().name(name + "-engine").daemon(true).factory());
        executor.setRemoveOnCancelPolicy(true); // engines cancel many retransmission timers
        executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        this.engine = executor;
        this.scheduler = new ExecutorScheduler(engine);
        this.reader = Thread.ofPlatform().name(name + "-udp").daemon(true).unstarted(this::readLoop);
    }

    /**
     * Binds {@code local} (port 0 for an ephemeral port) and starts both threads. {@code onDatagram}
     * runs on the engine thread; the buffer is the caller's to keep.
     */
    public static UdpEventLoop bind(InetSocketAddress local, String name,
            BiConsumer<InetSocketAddress, ByteBuffer> onDatagram) throws IOException {
        DatagramChannel ch = DatagramChannel.open();
        try {
            ch.setOption(StandardSocketOptions.SO_RCVBUF, SOCKET_BUFFER);
            ch.setOption(StandardSocketOptions.SO_SNDBUF, SOCKET_BUFFER);
            ch.bind(local);
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
        UdpEventLoop loop = new UdpEventLoop(ch, name, onDatagram);
        loop.reader.start();
        return loop;
    }

    public InetSocketAddress localAddress() {
        try {
            return (InetSocketAddress) channel.getLocalAddress();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The engine thread, for every call into an engine. */
    public ScheduledExecutorService engine() {
        return engine;
    }

    /** Real time on the engine thread. */
    public Scheduler scheduler() {
        return scheduler;
    }

    /** Sends a datagram (position to limit); call on the engine thread. Lost silently once closed. */
    public void send(InetSocketAddress peer, ByteBuffer datagram) {
        try {
            channel.send(datagram, peer);
        } catch (ClosedChannelException e) {
            // closing: L2TP retransmits or the peer times out, as with any lost datagram
        } catch (IOException e) {
            throw new UncheckedIOException("UDP send to " + peer + " failed", e);
        }
    }

    private void readLoop() {
        ByteBuffer buf = ByteBuffer.allocateDirect(MAX_DATAGRAM);
        while (!closed) {
            try {
                buf.clear();
                InetSocketAddress from = (InetSocketAddress) channel.receive(buf);
                buf.flip();
                ByteBuffer copy = ByteBuffer.allocate(buf.remaining()).put(buf).flip();
                engine.execute(() -> onDatagram.accept(from, copy));
            } catch (ClosedChannelException e) {
                return;
            } catch (IOException e) {
                if (!closed) {
                    System.getLogger(UdpEventLoop.class.getName()).log(System.Logger.Level.WARNING,
                            "UDP receive failed: " + e);
                }
            } catch (java.util.concurrent.RejectedExecutionException e) {
                return; // engine shut down
            }
        }
    }

    /** Stops the engine thread (running tasks finish) and closes the socket. */
    @Override
    public void close() {
        closed = true;
        engine.shutdown();
        try {
            if (!engine.awaitTermination(2, TimeUnit.SECONDS)) {
                engine.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            channel.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
