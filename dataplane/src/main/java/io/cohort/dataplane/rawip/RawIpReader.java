package io.cohort.dataplane.rawip;

import io.cohort.dataplane.reader.PacketReader;
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
    private final Counter malformed;
    private PacketReader reader;

    private RawIpReader(RawIpSocket socket, BiConsumer<Inet4Address, ByteBuffer> consumer, Counters counters) {
        this.socket = socket;
        this.consumer = consumer;
        this.malformed = counters.counter("rawip.rx.malformed");
    }

    /** Starts reading {@code socket} on a new thread; {@code consumer} gets (source, payload). */
    public static RawIpReader start(RawIpSocket socket, BiConsumer<Inet4Address, ByteBuffer> consumer,
                                    Counters counters) {
        RawIpReader r = new RawIpReader(socket, consumer, counters);
        r.reader = PacketReader.start("rawip-reader-" + socket.localAddress().getHostAddress(), socket::receive,
                BUFFER_SIZE, r::deliver, counters, "rawip.rx.");
        return r;
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
        consumer.accept(source, datagram); // an exception is counted by the PacketReader
    }

    /** Whether the reading thread is still running. */
    public boolean isRunning() {
        return reader.isRunning();
    }

    /** The receive error that stopped the loop, if any. */
    public Optional<IOException> failure() {
        return reader.failure();
    }

    /**
     * Closes the socket, which ends the loop, and waits for the thread to finish; if the caller is
     * interrupted meanwhile it stops waiting and keeps its interrupt status.
     */
    @Override
    public void close() {
        socket.close();
        try {
            reader.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
