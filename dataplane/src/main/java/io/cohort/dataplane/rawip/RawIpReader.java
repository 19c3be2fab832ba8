package io.cohort.dataplane.rawip;

import io.cohort.telemetry.Counter;
import io.cohort.telemetry.Counters;
import java.io.IOException;
import java.net.Inet4Address;
import java.nio.ByteBuffer;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.BiConsumer;

/**
 * One platform thread per {@link RawIpSocket}, reading datagrams into a reused direct buffer,
 * stripping the IPv4 header and handing the source address and the payload to a consumer. The
 * payload buffer is only valid during the call: the consumer copies what it keeps (and hands it
 * to its event loop, as {@code TunReader}'s consumers do).
 *
 * <p>Counters ({@code rawip.rx.}): {@code packets}, {@code bytes}, {@code malformed} (not an
 * IPv4 datagram with a whole header: dropped), {@code consumer-errors} (the loop goes on),
 * {@code errors} (a receive error, kept in {@link #failure()}, ends the loop).
 */
public final class RawIpReader implements AutoCloseable {
    /** The largest IPv4 datagram. */
    static final int BUFFER_SIZE = 65535;

    private final RawIpSocket socket;
    private final BiConsumer<Inet4Address, ByteBuffer> consumer;
    private final Counter packets;
    private final Counter bytes;
    private final Counter malformed;
    private final Counter readErrors;
    private final Counter consumerErrors;
    private final Thread thread;
    private volatile IOException failure;

    private RawIpReader(RawIpSocket socket, BiConsumer<Inet4Address, ByteBuffer> consumer, Counters counters) {
        this.socket = socket;
        this.consumer = consumer;
        this.packets = counters.counter("rawip.rx.packets");
        this.bytes = counters.counter("rawip.rx.bytes");
        this.malformed = counters.counter("rawip.rx.malformed");
        this.readErrors = counters.counter("rawip.rx.errors");
        this.consumerErrors = counters.counter("rawip.rx.consumer-errors");
        this.thread = Thread.ofPlatform().name("rawip-reader-" + socket.localAddress().getHostAddress()).daemon()
                .unstarted(this::loop);
    }

    /** Starts reading {@code socket} on a new thread; {@code consumer} gets (source, payload). */
    public static RawIpReader start(RawIpSocket socket, BiConsumer<Inet4Address, ByteBuffer> consumer,
                                    Counters counters) {
        RawIpReader reader = new RawIpReader(socket, consumer, counters);
        reader.thread.start();
        return reader;
    }

    private void loop() {
        ByteBuffer buffer = ByteBuffer.allocateDirect(BUFFER_SIZE);
        while (true) {
            buffer.clear();
            int n;
            try {
                n = socket.receive(buffer);
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
            deliver(buffer);
        }
    }

    /** Strips the IPv4 header of one datagram and hands the payload on. */
    private void deliver(ByteBuffer datagram) {
        OptionalInt offset = Ipv4Header.payloadOffset(datagram);
        if (offset.isEmpty()) {
            malformed.increment();
            return;
        }
        Inet4Address source = Ipv4Header.source(datagram);
        datagram.position(datagram.position() + offset.getAsInt());
        try {
            consumer.accept(source, datagram);
        } catch (RuntimeException e) {
            consumerErrors.increment();
        }
    }

    public boolean isRunning() {
        return thread.isAlive();
    }

    /** The receive error that stopped the loop, if any. */
    public Optional<IOException> failure() {
        return Optional.ofNullable(failure);
    }

    /** Closes the socket, which ends the loop, and waits for the thread to finish. */
    @Override
    public void close() throws InterruptedException {
        socket.close();
        thread.join();
    }
}
