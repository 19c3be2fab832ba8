package io.cohort.dataplane.reader;

import io.cohort.telemetry.Counter;
import io.cohort.telemetry.Counters;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * One platform thread reading packets from a blocking native source into a reused direct buffer
 * and handing each to a consumer. The buffer is only valid during the call: the consumer copies
 * what it keeps. Counters, under the given prefix: {@code packets}, {@code bytes},
 * {@code consumer-errors} (a consumer exception; the loop goes on) and {@code errors} (a read
 * error, kept in {@link #failure()}; it ends the loop). The loop also ends when the source
 * reports end of stream (-1), which is what closing a TUN device or a raw socket does.
 */
public final class PacketReader {
    /** One blocking read into the buffer; the number of octets read, or -1 once the source is closed. */
    @FunctionalInterface
    public interface Source {
        int read(ByteBuffer into) throws IOException;
    }

    private final Source source;
    private final int bufferSize;
    private final Consumer<ByteBuffer> consumer;
    private final Counter packets;
    private final Counter bytes;
    private final Counter readErrors;
    private final Counter consumerErrors;
    private final Thread thread;
    private volatile IOException failure;

    private PacketReader(String threadName, Source source, int bufferSize, Consumer<ByteBuffer> consumer,
                         Counters counters, String counterPrefix) {
        this.source = Objects.requireNonNull(source, "source");
        this.bufferSize = bufferSize;
        this.consumer = Objects.requireNonNull(consumer, "consumer");
        this.packets = counters.counter(counterPrefix + "packets");
        this.bytes = counters.counter(counterPrefix + "bytes");
        this.readErrors = counters.counter(counterPrefix + "errors");
        this.consumerErrors = counters.counter(counterPrefix + "consumer-errors");
        this.thread = Thread.ofPlatform().name(threadName).daemon().unstarted(this::loop);
    }

    /**
     * Starts a daemon thread named {@code threadName} reading {@code source} into a buffer of
     * {@code bufferSize} octets; counters are named {@code counterPrefix + "packets"} and so on.
     */
    public static PacketReader start(String threadName, Source source, int bufferSize, Consumer<ByteBuffer> consumer,
                                     Counters counters, String counterPrefix) {
        PacketReader reader = new PacketReader(threadName, source, bufferSize, consumer, counters, counterPrefix);
        reader.thread.start();
        return reader;
    }

    private void loop() {
        ByteBuffer buffer = ByteBuffer.allocateDirect(bufferSize);
        while (true) {
            buffer.clear();
            int n;
            try {
                n = source.read(buffer);
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

    /** Waits for the thread to finish; close the source first. */
    public void join() throws InterruptedException {
        thread.join();
    }
}
