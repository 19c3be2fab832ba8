package io.cohort.dataplane.nfqueue;

import static io.cohort.dataplane.nfqueue.NfqueueConstants.AF_NETLINK;
import static io.cohort.dataplane.nfqueue.NfqueueConstants.NETLINK_NETFILTER;

import io.cohort.dataplane.libc.Libc;
import io.cohort.dataplane.libc.SystemCallException;
import io.cohort.dataplane.netlink.NetlinkMessage;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Optional;

/**
 * A NETLINK_NETFILTER socket in the network namespace of the thread that opens it: sends
 * messages to the kernel, receives datagrams, waits for the ACK of a request. Not thread-safe:
 * one thread sends and receives at a time.
 */
final class NetfilterSocket implements AutoCloseable {
    private static final int RECEIVE_SIZE = 64 * 1024;

    private final int fd;
    private final String subject;
    private final Arena arena = Arena.ofShared();
    private final MemorySegment kernel;
    private final MemorySegment receiveBuffer;
    private boolean closed;

    private NetfilterSocket(int fd, String subject) {
        this.fd = fd;
        this.subject = subject;
        this.kernel = arena.allocate(12, 4); // struct sockaddr_nl: family, pad, pid 0 (the kernel), groups
        this.kernel.set(ValueLayout.JAVA_SHORT, 0, (short) AF_NETLINK);
        this.receiveBuffer = arena.allocate(RECEIVE_SIZE);
    }

    /** Opens and binds the socket; {@code subject} names it in errors. */
    static NetfilterSocket open(String subject) throws SystemCallException {
        int fd = Libc.socket(AF_NETLINK, Libc.SOCK_RAW | Libc.SOCK_CLOEXEC, NETLINK_NETFILTER);
        if (fd < 0) {
            throw Libc.failure("socket(AF_NETLINK, NETLINK_NETFILTER)", subject);
        }
        NetfilterSocket socket = new NetfilterSocket(fd, subject);
        if (Libc.bind(fd, socket.kernel) < 0) {
            SystemCallException failure = Libc.failure("bind", subject);
            socket.close();
            throw failure;
        }
        return socket;
    }

    int descriptor() {
        return fd;
    }

    String subject() {
        return subject;
    }

    /** Sends {@code message} (one or more netlink messages) to the kernel. */
    void send(byte[] message, String what) throws SystemCallException {
        try (Arena call = Arena.ofConfined()) {
            MemorySegment out = call.allocateFrom(ValueLayout.JAVA_BYTE, message);
            if (Libc.sendto(fd, out, message.length, kernel) < 0) {
                throw Libc.failure("sendto(" + what + ")", subject);
            }
        }
    }

    /**
     * One datagram's messages, copied out of the receive buffer; empty when {@code flags} has
     * MSG_DONTWAIT and nothing is waiting. A failed receive throws with its errno.
     */
    Optional<List<NetlinkMessage>> receive(int flags, String what) throws SystemCallException {
        while (true) {
            long n = Libc.recv(fd, receiveBuffer, RECEIVE_SIZE, flags);
            if (n >= 0) {
                return Optional.of(NetlinkMessage.split(
                        ByteBuffer.wrap(receiveBuffer.asSlice(0, n).toArray(ValueLayout.JAVA_BYTE))));
            }
            int errno = Libc.lastErrno();
            if (errno == Libc.EAGAIN) {
                return Optional.empty();
            }
            if (errno != Libc.EINTR) {
                throw Libc.failure("recv(" + what + ")", subject);
            }
        }
    }

    /**
     * Waits for the kernel's ACK of request {@code sequence}; a negative ACK to it or to any
     * message of its batch (sequence numbers from {@code firstSequence}) becomes a {@link
     * SystemCallException} naming {@code what}.
     */
    void awaitAck(int firstSequence, int sequence, String what) throws SystemCallException {
        while (true) {
            for (NetlinkMessage message : receive(0, what + " answer").orElseThrow()) {
                for (int s = firstSequence; s <= sequence; s++) {
                    Optional<Integer> errno = NfqueueMessages.acknowledgement(message, s);
                    if (errno.isPresent() && errno.get() != 0) {
                        throw new SystemCallException(what, subject, errno.get(), Libc.strerror(errno.get()));
                    }
                    if (errno.isPresent() && s == sequence) {
                        return;
                    }
                }
            }
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
}
