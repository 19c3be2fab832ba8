package io.cohort.dataplane.tun;

import io.cohort.dataplane.libc.InterfaceRequest;
import io.cohort.dataplane.libc.Libc;
import io.cohort.dataplane.libc.SystemCallException;
import io.cohort.dataplane.libc.WakeableDescriptor;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;

/**
 * A layer-3 TUN device (IFF_TUN | IFF_NO_PI: each read or write is exactly one IP packet, no
 * packet-information prefix). The device lives in the network namespace of the thread that
 * opens it and disappears when it is closed.
 *
 * <p>Readers block in poll(2) on the device and on an eventfd ({@link WakeableDescriptor});
 * {@link #close()} wakes them (their read returns -1) and closes the device once no read or
 * write is in progress.
 */
public final class TunDevice implements AutoCloseable {
    static final String CLONE_DEVICE = "/dev/net/tun";
    /** _IOW('T', 202, int) from linux/if_tun.h. */
    static final long TUNSETIFF = 0x400454caL;
    static final short IFF_TUN = 0x0001;
    static final short IFF_NO_PI = 0x1000;
    private static final long MAX_PACKET = 65535;

    private final String name;
    private final WakeableDescriptor descriptor;

    private TunDevice(String name, WakeableDescriptor descriptor) {
        this.name = name;
        this.descriptor = descriptor;
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
            String kernelName = InterfaceRequest.name(request);
            return new TunDevice(kernelName, WakeableDescriptor.of(fd, kernelName));
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
        if (dst.isDirect()) {
            MemorySegment target = MemorySegment.ofBuffer(dst);
            int n = (int) descriptor.awaitRead(fd -> Libc.read(fd, target, target.byteSize()), "read");
            if (n > 0) {
                dst.position(dst.position() + n);
            }
            return n;
        }
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment scratch = arena.allocate(Math.min(dst.remaining(), MAX_PACKET));
            int n = (int) descriptor.awaitRead(fd -> Libc.read(fd, scratch, scratch.byteSize()), "read");
            if (n > 0) {
                dst.put(scratch.asSlice(0, n).toArray(ValueLayout.JAVA_BYTE));
            }
            return n;
        }
    }

    /** Writes the bytes between {@code packet}'s position and limit as one IP packet; advances the position. */
    public void write(ByteBuffer packet) throws IOException {
        int length = packet.remaining();
        long written = descriptor.use(fd -> {
            if (packet.isDirect()) {
                return writeFully(fd, MemorySegment.ofBuffer(packet), length);
            }
            try (Arena arena = Arena.ofConfined()) {
                MemorySegment copy = arena.allocate(Math.max(1, length));
                MemorySegment.copy(MemorySegment.ofBuffer(packet), 0, copy, 0, length);
                return writeFully(fd, copy, length);
            }
        });
        if (written != length) {
            throw new IOException("short write to TUN device " + name + ": " + written + " of " + length + " bytes");
        }
        packet.position(packet.limit());
    }

    /** Wakes blocked readers, then closes the device once no read or write is in progress. Idempotent. */
    @Override
    public void close() {
        descriptor.close();
    }

    private long writeFully(int fd, MemorySegment source, int length) throws SystemCallException {
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
