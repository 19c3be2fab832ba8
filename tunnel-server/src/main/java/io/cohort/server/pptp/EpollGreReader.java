package io.cohort.server.pptp;

import io.cohort.dataplane.rawip.Ipv4Header;
import io.cohort.dataplane.rawip.RawIpSocket;
import io.cohort.telemetry.Counter;
import io.cohort.telemetry.Counters;
import io.netty.channel.IoEvent;
import io.netty.channel.IoEventLoop;
import io.netty.channel.IoRegistration;
import io.netty.channel.epoll.EpollIoHandle;
import io.netty.channel.epoll.EpollIoOps;
import io.netty.channel.unix.FileDescriptor;
import java.io.IOException;
import java.net.Inet4Address;
import java.nio.ByteBuffer;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;

/**
 * Reads the raw GRE socket on the engine loop itself: the socket is registered with the loop's
 * epoll (level-triggered EPOLLIN) and each readiness event reads up to {@value #BURST} datagrams
 * into one reused direct buffer, so a datagram costs one {@code recv} and no hand-off to another
 * thread (compare the thread-per-socket {@code RawIpReader}, which the endpoint falls back to
 * on a loop without epoll). Counters as {@code RawIpReader}'s: {@code rawip.rx.packets},
 * {@code bytes}, {@code malformed}, {@code errors}.
 *
 * <p>Lifecycle: registered once by {@link #register}; {@link #close} cancels the registration on
 * the loop and only then closes the socket, so epoll never holds a descriptor number the kernel
 * may have reused. Netty closes the handle the same way when the loop shuts down first.
 */
final class EpollGreReader implements EpollIoHandle {
    /** Datagrams read per readiness event before the loop attends to its other work. */
    static final int BURST = 64;

    private final RawIpSocket socket;
    private final IoEventLoop loop;
    private final BiConsumer<Inet4Address, ByteBuffer> onPacket;
    private final FileDescriptor descriptor;
    private final ByteBuffer buffer = ByteBuffer.allocateDirect(65535);
    private final Counter packets;
    private final Counter bytes;
    private final Counter malformed;
    private final Counter errors;
    private IoRegistration registration;
    private volatile IOException failure;
    private volatile boolean closed;

    private EpollGreReader(RawIpSocket socket, IoEventLoop loop, BiConsumer<Inet4Address, ByteBuffer> onPacket,
                           Counters counters) {
        this.socket = socket;
        this.loop = loop;
        this.onPacket = onPacket;
        this.descriptor = new FileDescriptor(socket.descriptorNumber());
        this.packets = counters.counter("rawip.rx.packets");
        this.bytes = counters.counter("rawip.rx.bytes");
        this.malformed = counters.counter("rawip.rx.malformed");
        this.errors = counters.counter("rawip.rx.errors");
    }

    /** Whether {@code loop} can watch a raw socket (an epoll loop). */
    static boolean supported(Object loop) {
        return loop instanceof IoEventLoop l && l.isCompatible(EpollIoHandle.class);
    }

    /**
     * Registers {@code socket} for reading on {@code loop} (an epoll loop, see {@link #supported});
     * {@code onPacket} gets each datagram's source and GRE part on the loop, in a buffer of its own.
     */
    static EpollGreReader register(RawIpSocket socket, IoEventLoop loop, BiConsumer<Inet4Address, ByteBuffer> onPacket,
                                   Counters counters) throws IOException {
        EpollGreReader reader = new EpollGreReader(socket, loop, onPacket, counters);
        try {
            IoRegistration r = loop.register(reader).get(5, TimeUnit.SECONDS);
            loop.submit(() -> {
                reader.registration = r;
                r.submit(EpollIoOps.EPOLLIN);
            }).get(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while registering the GRE socket with the engine", e);
        } catch (Exception e) {
            throw new IOException("cannot register the GRE socket with the engine's epoll: " + e, e);
        }
        return reader;
    }

    @Override
    public FileDescriptor fd() {
        return descriptor;
    }

    @Override
    public void handle(IoRegistration r, IoEvent event) {
        for (int i = 0; i < BURST && !closed; i++) {
            buffer.clear();
            int n;
            try {
                n = socket.receiveNow(buffer);
            } catch (IOException e) {
                errors.increment();
                failure = e;
                r.cancel();
                return;
            }
            if (n == RawIpSocket.WOULD_BLOCK || n < 0) {
                return;
            }
            packets.increment();
            bytes.add(n);
            buffer.flip();
            deliver();
        }
    }

    private void deliver() {
        OptionalInt offset = Ipv4Header.payloadOffset(buffer);
        if (offset.isEmpty()) {
            malformed.increment();
            return;
        }
        Inet4Address source = Ipv4Header.source(buffer);
        buffer.position(buffer.position() + offset.getAsInt());
        onPacket.accept(source, ByteBuffer.allocate(buffer.remaining()).put(buffer).flip());
    }

    /** False once a receive error stopped reading, or after {@link #close}. */
    boolean reading() {
        return !closed && failure == null;
    }

    Optional<IOException> failure() {
        return Optional.ofNullable(failure);
    }

    /** Cancels the registration on the loop, then closes the socket. Idempotent; any thread. */
    @Override
    public void close() {
        if (loop.inEventLoop()) {
            closeOnLoop();
            return;
        }
        try {
            loop.submit(this::closeOnLoop).get(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            // The loop is gone (shut down): so is its epoll set.
        } finally {
            closed = true;
            socket.close();
        }
    }

    private void closeOnLoop() {
        closed = true;
        if (registration != null) {
            registration.cancel();
        }
        socket.close();
    }
}
