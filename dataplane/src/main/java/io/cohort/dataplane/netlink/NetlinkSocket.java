package io.cohort.dataplane.netlink;

import io.cohort.dataplane.libc.InterfaceRequest;
import io.cohort.dataplane.libc.Libc;
import io.cohort.dataplane.libc.SystemCallException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A netlink socket (rtnetlink unless opened for another family) in the network namespace of the thread that opens it. {@link #execute}
 * sends one request and waits for its ACK, so every change is confirmed or reported with the
 * kernel's errno; {@code query} returns what a get or a dump answers. Thread-safe: requests are
 * serialised. The socket joins no multicast group, so nothing arrives unasked.
 */
public final class NetlinkSocket implements AutoCloseable {
    private static final int RECEIVE_SIZE = 32 * 1024;
    private static final long SIOCGIFINDEX = 0x8933;
    private static final String SUBJECT = "rtnetlink socket";

    private final int fd;
    private final Arena arena = Arena.ofShared();
    private final MemorySegment kernel;
    private final MemorySegment receiveBuffer;
    private final AtomicInteger sequence = new AtomicInteger(1);
    private boolean closed;

    private NetlinkSocket(int fd) {
        this.fd = fd;
        this.kernel = sockaddrNl(arena);
        this.receiveBuffer = arena.allocate(RECEIVE_SIZE);
    }

    public static NetlinkSocket open() throws SystemCallException {
        return open(Rtnetlink.NETLINK_ROUTE, SUBJECT);
    }

    /**
     * A socket of netlink family {@code protocol} (netlink(7): e.g. 4, NETLINK_SOCK_DIAG), with
     * the same request and answer handling; {@code subject} names it in errors.
     */
    public static NetlinkSocket open(int protocol, String subject) throws SystemCallException {
        int fd = Libc.socket(Rtnetlink.AF_NETLINK, Libc.SOCK_RAW | Libc.SOCK_CLOEXEC, protocol);
        if (fd < 0) {
            throw Libc.failure("socket(AF_NETLINK, " + protocol + ")", subject);
        }
        NetlinkSocket socket = new NetlinkSocket(fd);
        if (Libc.bind(fd, socket.kernel) < 0) {
            SystemCallException failure = Libc.failure("bind", subject);
            socket.close();
            throw failure;
        }
        return socket;
    }

    /**
     * Sends {@code request} and waits for the kernel's ACK; a negative ACK becomes a
     * {@link SystemCallException} naming {@code what} (e.g. {@code RTM_NEWADDR}) and {@code subject}
     * (e.g. the device).
     */
    public void execute(NetlinkRequest request, String what, String subject) throws SystemCallException {
        exchange(request, what, subject);
    }

    /**
     * Sends the query {@code request} (a get or a dump) and returns the kernel's answer: its
     * messages up to NLMSG_DONE, or its single message; an error answer becomes a {@link
     * SystemCallException} as for {@link #execute}.
     */
    public List<NetlinkMessage> query(NetlinkRequest request, String what, String subject) throws SystemCallException {
        return exchange(request, what, subject);
    }

    private synchronized List<NetlinkMessage> exchange(NetlinkRequest request, String what, String subject)
            throws SystemCallException {
        if (closed) {
            throw new IllegalStateException("netlink socket closed");
        }
        int seq = sequence.getAndIncrement();
        byte[] message = request.encode(seq);
        try (Arena call = Arena.ofConfined()) {
            MemorySegment out = call.allocateFrom(ValueLayout.JAVA_BYTE, message);
            if (Libc.sendto(fd, out, message.length, kernel) < 0) {
                throw Libc.failure("sendto(" + what + ")", subject);
            }
        }
        NetlinkReply reply = new NetlinkReply(seq);
        boolean complete = false;
        while (!complete) {
            long n = Libc.recv(fd, receiveBuffer, RECEIVE_SIZE);
            if (n < 0) {
                if (Libc.lastErrno() == Libc.EINTR) {
                    continue;
                }
                throw Libc.failure("recv(" + what + " answer)", subject);
            }
            // copied: the answer's messages outlive the buffer's next recv
            complete = reply.take(ByteBuffer.wrap(receiveBuffer.asSlice(0, n).toArray(ValueLayout.JAVA_BYTE)));
        }
        if (reply.errno() != 0) {
            throw new SystemCallException(what, subject, reply.errno(), Libc.strerror(reply.errno()));
        }
        return reply.messages();
    }

    /**
     * The index of interface {@code name} in this socket's namespace (ioctl SIOCGIFINDEX on the
     * socket: unlike if_nametoindex, which looks in the calling thread's namespace).
     */
    public int interfaceIndex(String name) throws SystemCallException {
        try (Arena call = Arena.ofConfined()) {
            MemorySegment request = InterfaceRequest.of(call, name, (short) 0);
            if (Libc.ioctl(fd, SIOCGIFINDEX, request) < 0) {
                throw Libc.failure("ioctl(SIOCGIFINDEX)", name);
            }
            return InterfaceRequest.index(request);
        }
    }

    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            Libc.close(fd);
            arena.close();
        }
    }

    /** struct sockaddr_nl { u16 family; u16 pad; u32 pid (0 = kernel / autobind); u32 groups; }. */
    private static MemorySegment sockaddrNl(Arena arena) {
        MemorySegment address = arena.allocate(12, 4);
        address.set(ValueLayout.JAVA_SHORT, 0, (short) Rtnetlink.AF_NETLINK);
        return address;
    }
}
