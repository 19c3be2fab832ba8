package io.cohort.dataplane.tun;

import io.cohort.telemetry.Counter;
import io.cohort.telemetry.Counters;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * One platform thread per TUN device reading packets into a reused direct buffer and handing
 * each to a consumer. The buffer is only valid during the call: the consumer copies what it
 * keeps. A consumer exception is counted ({@code tun.rx.consumer-errors}) and the loop goes on;
 * a read error is counted ({@code tun.rx.errors}), kept in {@link #failure()} and ends the loop.
 * The loop ends when the device is closed; {@link #close()} closes the device and waits.
 */
public final class TunReader implements AutoCloseable {
    /** Larger than any packet a TUN with MTU ≤ 65535 delivers. */
    static final int BUFFER_SIZE = 65536;

    private final TunDevice device;
    private final Consumer<ByteBuffer> consumer;
    private final Counter packets;
    private final Counter bytes;
    private final Counter readErrors;
    private final Counter consumerErrors;
    private final Thread thread;
    private volatile IOException failure;

    private TunReader(TunDevice device, Consumer<ByteBuffer> consumer, Counters counters) {
        this.device = device;
        this.consumer = consumer;
        this.packets = counters.counter("tun.rx.packets");
        this.bytes = counters.counter("tun.rx.bytes");
        this.readErrors = counters.counter("tun.rx.errors");
        this.consumerErrors = counters.counter("tun.rx.consumer-errors");
        this.thread = Thread.ofPlatform().name("tun-reader-" + device.name()).daemon().unstarted(this::loop);
    }

    /** Starts reading {@code device} on a new thread, counting into {@code counters}. */
    public static TunReader start(TunDevice device, Consumer<ByteBuffer> consumer, Counters counters) {
        TunReader reader = new TunReader(device, consumer, counters);
        reader.thread.start();
        return reader;
    }

    private void loop() {
        ByteBuffer buffer = ByteBuffer.allocateDirect(BUFFER_SIZE);
        while (true) {
            buffer.clear();
            int n;
            try {
                n = device.read(buffer);
            } catch (IOException e) {
                readErrors.increment();
                failure = e;
                return;
            }
            if (n < 0) {
                return;
            }
            packets.increment();
            bytes.add(n);
            buffer.flip();
            try {
                consumer.accept(buffer);
            } catch (RuntimeException e) {
                consumerErrors.increment();
            }
        }
    }

    /** Whether the reading thread is still running. */
    public boolean isRunning() {
        return thread.isAlive();
    }

    /** The read error that stopped the loop, if any. */
    public Optional<IOException> failure() {
        return Optional.ofNullable(failure);
    }

    /** Closes the device, which ends the loop, and waits for the thread to finish. */
    @Override
    public void close() throws InterruptedException {
        device.close();
        thread.join();
    }
}
