package io.cohort.dataplane.rawip;

import io.cohort.dataplane.libc.Libc;
import io.cohort.dataplane.libc.SystemCallException;
import io.cohort.dataplane.libc.WakeableDescriptor;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.net.Inet4Address;
import java.nio.ByteBuffer;

/**
 * A raw IPv4 socket for one IP protocol ({@code socket(AF_INET, SOCK_RAW, protocol)}), e.g. GRE
 * (47) for PPTP's data channel. Receiving yields whole IPv4 datagrams, header first (the kernel
 * keeps it on raw sockets; {@link Ipv4Header} finds the payload); sending takes only the
 * payload, the kernel writes the IPv4 header. Needs CAP_NET_RAW in the network namespace of the
 * thread that opens it, where it lives from then on.
 *
 * <p>The descriptor is non-blocking. A reader blocks in poll(2) on it and on an eventfd;
 * {@link #close()} signals the eventfd, waits until no receive or send is in progress and only
 * then closes the descriptors (as {@code TunDevice} does), so a descriptor number is never used
 * after the kernel may have reused it. A send that would block is refused ({@code false}):
 * datagrams are dropped, never queued in user space.
 */
public final class RawIpSocket implements AutoCloseable {
    /** Generic Routing Encapsulation (RFC 2784; RFC 2637 4.1 for PPTP's enhanced GRE). */
    public static final int IPPROTO_GRE = 47;
    /** What {@link #receiveNow} returns when no datagram is queued. */
    public static final int WOULD_BLOCK = (int) WakeableDescriptor.WOULD_BLOCK;
    /** struct sockaddr_in: family, port, address, 8 octets of zero. */
    static final int SOCKADDR_IN_SIZE = 16;

    private final int protocol;
    private final WakeableDescriptor descriptor;
    private final Inet4Address local;

    private RawIpSocket(int protocol, WakeableDescriptor descriptor, Inet4Address local) {
        this.protocol = protocol;
        this.descriptor = descriptor;
        this.local = local;
    }

    /** Opens a raw socket for {@code protocol} bound to {@code local} (0.0.0.0: every address). */
    public static RawIpSocket open(int protocol, Inet4Address local) throws SystemCallException {
        String subject = "IP protocol " + protocol + " on " + local.getHostAddress();
        int fd = Libc.socket(Libc.AF_INET, Libc.SOCK_RAW | Libc.SOCK_NONBLOCK | Libc.SOCK_CLOEXEC, protocol);
        if (fd < 0) {
            throw Libc.failure("socket(AF_INET, SOCK_RAW)", subject);
        }
        try (Arena arena = Arena.ofConfined()) {
            if (Libc.bind(fd, sockaddrIn(arena, local)) < 0) {
                throw Libc.failure("bind", subject);
            }
            return new RawIpSocket(protocol, WakeableDescriptor.of(fd, subject), local);
        } catch (SystemCallException | RuntimeException e) {
            Libc.close(fd);
            throw e;
        }
    }

    public Inet4Address localAddress() {
        return local;
    }

    /**
     * Blocks until a datagram arrives and reads it (IPv4 header included) into {@code dst}, a
     * direct buffer, from its position, advancing it; returns its length, or -1 once the socket is
     * closed. A datagram longer than the space remaining is truncated: size the buffer for 65535.
     */
    public int receive(ByteBuffer dst) throws IOException {
        if (!dst.isDirect()) {
            throw new IllegalArgumentException("receive needs a direct buffer");
        }
        MemorySegment target = MemorySegment.ofBuffer(dst);
        int n = (int) descriptor.awaitRead(fd -> Libc.recv(fd, target, target.byteSize()), "recv");
        if (n > 0) {
            dst.position(dst.position() + n);
        }
        return n;
    }

    /**
     * As {@link #receive}, without waiting: the datagram's length, {@link #WOULD_BLOCK} when none
     * is queued, or -1 once the socket is closed. For a reader driven by an event loop that
     * watches {@link #descriptorNumber()} for readability.
     */
    public int receiveNow(ByteBuffer dst) throws IOException {
        if (!dst.isDirect()) {
            throw new IllegalArgumentException("receive needs a direct buffer");
        }
        MemorySegment target = MemorySegment.ofBuffer(dst);
        int n = (int) descriptor.tryRead(fd -> Libc.recv(fd, target, target.byteSize()), "recv");
        if (n > 0) {
            dst.position(dst.position() + n);
        }
        return n;
    }

    /** The socket's descriptor number, to watch it for readability in an event loop (see {@link WakeableDescriptor#number()}). */
    public int descriptorNumber() {
        return descriptor.number();
    }

    /**
     * Sends {@code payload} (position to limit; position not moved) to {@code peer}, the kernel
     * adding the IPv4 header. False if the socket's send buffer is full (the datagram is dropped).
     */
    public boolean send(Inet4Address peer, ByteBuffer payload) throws IOException {
        return descriptor.use(fd -> {
            try (Arena arena = Arena.ofConfined()) {
                int length = payload.remaining();
                MemorySegment data = payload.isDirect() ? MemorySegment.ofBuffer(payload) : copy(arena, payload);
                MemorySegment address = sockaddrIn(arena, peer);
                while (true) {
                    long n = Libc.sendto(fd, data, length, address);
                    if (n >= 0) {
                        return true;
                    }
                    int errno = Libc.lastErrno();
                    if (errno == Libc.EAGAIN) {
                        return false;
                    }
                    if (errno != Libc.EINTR) {
                        throw Libc.failure("sendto", peer.getHostAddress());
                    }
                }
            }
        });
    }

    /**
     * Asks for receive and send buffers of {@code bytes} each: the default (about 208 KiB)
     * overflows when thousands of calls send at once. With CAP_NET_ADMIN the FORCE options pass
     * net.core.rmem_max/wmem_max; without it the plain ones are capped there silently. Returns
     * the receive buffer granted, in the same terms as asked (the kernel reports twice what it
     * keeps for data).
     */
    public int setBuffers(int bytes) throws IOException {
        return descriptor.use(fd -> {
            setBuffer(fd, Libc.SO_RCVBUFFORCE, Libc.SO_RCVBUF, bytes);
            setBuffer(fd, Libc.SO_SNDBUFFORCE, Libc.SO_SNDBUF, bytes);
            int granted = Libc.getsockoptInt(fd, Libc.SOL_SOCKET, Libc.SO_RCVBUF);
            if (granted < 0) {
                throw Libc.failure("getsockopt(SO_RCVBUF)", "raw socket for IP protocol " + protocol);
            }
            return granted / 2;
        });
    }

    private void setBuffer(int fd, int force, int capped, int bytes) throws SystemCallException {
        if (Libc.setsockoptInt(fd, Libc.SOL_SOCKET, force, bytes) == 0) {
            return;
        }
        if (Libc.setsockoptInt(fd, Libc.SOL_SOCKET, capped, bytes) < 0) {
            throw Libc.failure("setsockopt(" + (capped == Libc.SO_RCVBUF ? "SO_RCVBUF" : "SO_SNDBUF") + ")",
                    "raw socket for IP protocol " + protocol);
        }
    }

    /** Wakes a blocked receiver, then closes once no receive or send is in progress. Idempotent. */
    @Override
    public void close() {
        descriptor.close();
    }

    /** A heap buffer's remaining bytes in native memory (a direct one is passed as it is). */
    private static MemorySegment copy(Arena arena, ByteBuffer payload) {
        int length = payload.remaining();
        MemorySegment data = arena.allocate(Math.max(1, length));
        MemorySegment.copy(MemorySegment.ofBuffer(payload), 0, data, 0, length);
        return data;
    }

    /** struct sockaddr_in { sa_family_t (host order); in_port_t (0 for raw); struct in_addr; zero[8] }. */
    static MemorySegment sockaddrIn(Arena arena, Inet4Address address) {
        MemorySegment s = arena.allocate(SOCKADDR_IN_SIZE);
        s.set(ValueLayout.JAVA_SHORT, 0, (short) Libc.AF_INET);
        MemorySegment.copy(address.getAddress(), 0, s, ValueLayout.JAVA_BYTE, 4, 4);
        return s;
    }

    @Override
    public String toString() {
        return "RawIpSocket[protocol " + protocol + ", " + local.getHostAddress() + "]";
    }
}
