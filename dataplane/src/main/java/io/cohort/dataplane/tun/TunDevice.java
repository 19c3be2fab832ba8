package io.cohort.dataplane.tun;

import io.cohort.dataplane.libc.InterfaceRequest;
import io.cohort.dataplane.libc.Libc;
import io.cohort.dataplane.libc.SystemCallException;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * A layer-3 TUN device (IFF_TUN | IFF_NO_PI: each read or write is exactly one IP packet, no
 * packet-information prefix). The device lives in the network namespace of the thread that
 * opens it and disappears when it is closed.
 *
 * <p>Readers block in poll(2) on the device and on an eventfd; {@link #close()} signals the
 * eventfd, which wakes every blocked reader (their read returns -1), waits until no read or
 * write is in progress and only then closes the descriptors, so a descriptor number is never
 * used after the kernel may have reused it.
 */
public final class TunDevice implements AutoCloseable {
    static final String CLONE_DEVICE = "/dev/net/tun";
    /** _IOW('T', 202, int) from linux/if_tun.h. */
    static final long TUNSETIFF = 0x400454caL;
    static final short IFF_TUN = 0x0001;
    static final short IFF_NO_PI = 0x1000;
    private static final long MAX_PACKET = 65535;

    private final String name;
    private final int fd;
    private final int wakeFd;
    private final ReentrantReadWriteLock lifecycle = new ReentrantReadWriteLock();
    private volatile boolean closing;

    private TunDevice(String name, int fd, int wakeFd) {
        this.name = name;
        this.fd = fd;
        this.wakeFd = wakeFd;
    }

    /**
     * Creates (or attaches to) the TUN device {@code name}; a {@code %d} in it lets the kernel
     * pick a free number. Needs CAP_NET_ADMIN in the calling thread's network namespace.
     */
    public static TunDevice open(String name) throws SystemCallException {
        int fd = Libc.open(CLONE_DEVICE, Libc.O_RDWR | Libc.O_NONBLOCK | Libc.O_CLOEXEC);
        if (fd < 0) {
            throw Libc.failure("open(" + CLONE_DEVICE + ")", name);
        }
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment request = InterfaceRequest.of(arena, name, (short) (IFF_TUN | IFF_NO_PI));
            if (Libc.ioctl(fd, TUNSETIFF, request) < 0) {
                throw Libc.failure("ioctl(TUNSETIFF)", name);
            }
            int wakeFd = Libc.eventfd(0, Libc.EFD_CLOEXEC | Libc.EFD_NONBLOCK);
            if (wakeFd < 0) {
                throw Libc.failure("eventfd", name);
            }
            return new TunDevice(InterfaceRequest.name(request), fd, wakeFd);
        } catch (SystemCallException | RuntimeException e) {
            Libc.close(fd);
            throw e;
        }
    }

    /** The kernel's name for the device, e.g. {@code tun0}. */
    public String name() {
        return name;
    }

    /**
     * Blocks until one packet arrives and reads it into {@code dst} from its position, advancing
     * the position; returns the packet's length, or -1 once the device is closed. A packet longer
     * than the space remaining is truncated (size buffers for the MTU). Direct buffers avoid a copy.
     */
    public int read(ByteBuffer dst) throws IOException {
        lifecycle.readLock().lock();
        try {
            if (dst.isDirect()) {
                return readInto(MemorySegment.ofBuffer(dst), dst);
            }
            try (Arena arena = Arena.ofConfined()) {
                MemorySegment scratch = arena.allocate(Math.min(dst.remaining(), MAX_PACKET));
                int n = readInto(scratch, null);
                if (n > 0) {
                    dst.put(scratch.asSlice(0, n).toArray(ValueLayout.JAVA_BYTE));
                }
                return n;
            }
        } finally {
            lifecycle.readLock().unlock();
        }
    }

    /** Writes the bytes between {@code packet}'s position and limit as one IP packet; advances the position. */
    public void write(ByteBuffer packet) throws IOException {
        lifecycle.readLock().lock();
        try {
            if (closing) {
                throw new java.nio.channels.ClosedChannelException();
            }
            int length = packet.remaining();
            long written;
            if (packet.isDirect()) {
                written = writeFully(MemorySegment.ofBuffer(packet), length);
            } else {
                try (Arena arena = Arena.ofConfined()) {
                    MemorySegment copy = arena.allocate(Math.max(1, length));
                    MemorySegment.copy(MemorySegment.ofBuffer(packet), 0, copy, 0, length);
                    written = writeFully(copy, length);
                }
            }
            if (written != length) {
                throw new IOException("short write to TUN device " + name + ": " + written + " of " + length + " bytes");
            }
            packet.position(packet.limit());
        } finally {
            lifecycle.readLock().unlock();
        }
    }

    /** Wakes blocked readers, then closes the device once no read or write is in progress. Idempotent. */
    @Override
    public void close() {
        if (closing) {
            return;
        }
        closing = true;
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment one = arena.allocate(ValueLayout.JAVA_LONG);
            one.set(ValueLayout.JAVA_LONG, 0, 1L);
            Libc.write(wakeFd, one, 8);
        }
        lifecycle.writeLock().lock();
        try {
            Libc.close(fd);
            Libc.close(wakeFd);
        } finally {
            lifecycle.writeLock().unlock();
        }
    }

    private int readInto(MemorySegment target, ByteBuffer advance) throws IOException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment pollfds = arena.allocate(Libc.POLLFD, 2);
            pollfds.set(ValueLayout.JAVA_INT, 0, fd);
            pollfds.set(ValueLayout.JAVA_SHORT, 4, Libc.POLLIN);
            pollfds.set(ValueLayout.JAVA_INT, 8, wakeFd);
            pollfds.set(ValueLayout.JAVA_SHORT, 12, Libc.POLLIN);
            while (!closing) {
                long n = Libc.read(fd, target, target.byteSize());
                if (n >= 0) {
                    if (advance != null) {
                        advance.position(advance.position() + (int) n);
                    }
                    return (int) n;
                }
                int errno = Libc.lastErrno();
                if (errno != Libc.EAGAIN && errno != Libc.EINTR) {
                    throw Libc.failure("read", name);
                }
                if (Libc.poll(pollfds, 2, -1) < 0 && Libc.lastErrno() != Libc.EINTR) {
                    throw Libc.failure("poll", name);
                }
            }
            return -1;
        }
    }

    private long writeFully(MemorySegment source, int length) throws SystemCallException {
        while (true) {
            long n = Libc.write(fd, source, length);
            if (n >= 0) {
                return n;
            }
            if (Libc.lastErrno() != Libc.EINTR) {
                throw Libc.failure("write", name);
            }
        }
    }

    @Override
    public String toString() {
        return "TunDevice[" + name + "]";
    }
}
