package io.cohort.dataplane.tcprepair;

import static io.cohort.dataplane.tcprepair.TcpRepairConstants.SIOCINQ;
import static io.cohort.dataplane.tcprepair.TcpRepairConstants.SIOCOUTQ;
import static io.cohort.dataplane.tcprepair.TcpRepairConstants.TCPI_OPT_SACK;
import static io.cohort.dataplane.tcprepair.TcpRepairConstants.TCPI_OPT_TIMESTAMPS;
import static io.cohort.dataplane.tcprepair.TcpRepairConstants.TCPI_OPT_WSCALE;
import static io.cohort.dataplane.tcprepair.TcpRepairConstants.TCP_ESTABLISHED;
import static io.cohort.dataplane.tcprepair.TcpRepairConstants.TCP_INFO;
import static io.cohort.dataplane.tcprepair.TcpRepairConstants.TCP_INFO_OPTIONS;
import static io.cohort.dataplane.tcprepair.TcpRepairConstants.TCP_INFO_STATE;
import static io.cohort.dataplane.tcprepair.TcpRepairConstants.TCP_INFO_WSCALE;
import static io.cohort.dataplane.tcprepair.TcpRepairConstants.TCP_MAXSEG;
import static io.cohort.dataplane.tcprepair.TcpRepairConstants.TCP_QUEUE_SEQ;
import static io.cohort.dataplane.tcprepair.TcpRepairConstants.TCP_RECV_QUEUE;
import static io.cohort.dataplane.tcprepair.TcpRepairConstants.TCP_REPAIR;
import static io.cohort.dataplane.tcprepair.TcpRepairConstants.TCP_NO_QUEUE;
import static io.cohort.dataplane.tcprepair.TcpRepairConstants.TCP_REPAIR_OFF;
import static io.cohort.dataplane.tcprepair.TcpRepairConstants.TCP_REPAIR_OFF_NO_WP;
import static io.cohort.dataplane.tcprepair.TcpRepairConstants.TCP_REPAIR_ON;
import static io.cohort.dataplane.tcprepair.TcpRepairConstants.TCP_REPAIR_OPTIONS;
import static io.cohort.dataplane.tcprepair.TcpRepairConstants.TCP_REPAIR_QUEUE;
import static io.cohort.dataplane.tcprepair.TcpRepairConstants.TCP_REPAIR_WINDOW;
import static io.cohort.dataplane.tcprepair.TcpRepairConstants.TCP_SEND_QUEUE;
import static io.cohort.dataplane.tcprepair.TcpRepairConstants.TCP_TIMESTAMP;
import static io.cohort.dataplane.libc.Libc.AF_INET;
import static io.cohort.dataplane.libc.Libc.IPPROTO_TCP;
import static io.cohort.dataplane.libc.Libc.MSG_DONTWAIT;
import static io.cohort.dataplane.libc.Libc.MSG_PEEK;
import static io.cohort.dataplane.libc.Libc.SOCK_CLOEXEC;
import static io.cohort.dataplane.libc.Libc.SOCK_STREAM;
import static io.cohort.dataplane.libc.Libc.SOL_SOCKET;
import static io.cohort.dataplane.libc.Libc.SO_REUSEADDR;

import io.cohort.dataplane.libc.Libc;
import io.cohort.dataplane.libc.SystemCallException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * Captures an established TCP connection's figure-7 state (patent) from its socket and restores
 * it into a new socket, possibly in another network namespace holding the same address, through
 * Linux TCP repair mode (tcp(7), TCP_REPAIR). The restored socket continues the connection
 * without a handshake: the peer sees the same sequence numbers, windows, options and timestamps.
 *
 * <p>Capture puts the socket into repair mode, reads, and then either leaves repair mode so the
 * owner carries on, or stays in it so the owner can drop the socket silently ({@link
 * SocketAfterCapture}). It runs on the thread that owns the socket, between its reads and writes
 * (a write in repair mode would join a queue instead of being sent). Segments that arrive during
 * the capture would still move the state, so it is taken while the connection is quiet or its
 * address already gone. Queued octets are carried, not waited for: those the peer
 * has not acknowledged and those the application has not read (read with MSG_PEEK, the queue
 * chosen by TCP_REPAIR_QUEUE).
 *
 * <p>Restore follows the order the kernel requires: queue sequence numbers while the socket is
 * closed, bind and connect (which in repair mode establish without a SYN), the negotiated
 * options, the timestamp clock, the queued octets, the window (checked against RCV.NXT), and
 * repair off with a window probe, whose ACK tells the peer's neighbour table where the address
 * now lives.
 */
public final class TcpConnectionRepair {
    private static final int TCP_INFO_PREFIX = 8;

    private TcpConnectionRepair() {
    }

    /** The state of the established connection on {@code fd}, left serving or frozen as {@code after} says. */
    public static TcpConnectionState capture(int fd, SocketAfterCapture after) throws SystemCallException {
        String subject = "TCP socket " + fd;
        try (Arena arena = Arena.ofConfined()) {
            TcpConnectionInitialState initial = captureInitial(arena, fd, subject);
            setTcpOption(fd, TCP_REPAIR, TCP_REPAIR_ON, subject);
            TcpConnectionEssentialState essential;
            try {
                essential = captureEssential(arena, fd, subject);
            } catch (SystemCallException | RuntimeException e) {
                if (after == SocketAfterCapture.SERVING) {
                    try {
                        leaveRepairWithoutProbe(fd, subject);
                    } catch (SystemCallException alsoFailed) {
                        e.addSuppressed(alsoFailed);
                    }
                }
                throw e;
            }
            if (after == SocketAfterCapture.SERVING) {
                leaveRepairWithoutProbe(fd, subject);
            }
            return new TcpConnectionState(initial, essential);
        }
    }

    /** Addresses from getsockname/getpeername, options from TCP_INFO and TCP_MAXSEG; no repair mode needed. */
    private static TcpConnectionInitialState captureInitial(Arena arena, int fd, String subject)
            throws SystemCallException {
        MemorySegment info = arena.allocate(TCP_INFO_PREFIX);
        check(Libc.getsockopt(fd, IPPROTO_TCP, TCP_INFO, info), "getsockopt(TCP_INFO)", subject);
        int state = info.get(ValueLayout.JAVA_BYTE, TCP_INFO_STATE);
        if (state != TCP_ESTABLISHED) {
            throw new IllegalStateException(subject + " is in TCP state " + state + ", not ESTABLISHED");
        }
        int options = info.get(ValueLayout.JAVA_BYTE, TCP_INFO_OPTIONS);
        int scales = info.get(ValueLayout.JAVA_BYTE, TCP_INFO_WSCALE) & 0xFF;
        boolean windowScaling = (options & TCPI_OPT_WSCALE) != 0;
        MemorySegment local = arena.allocate(SockaddrIn.SIZE);
        check(Libc.getsockname(fd, local), "getsockname", subject);
        MemorySegment remote = arena.allocate(SockaddrIn.SIZE);
        check(Libc.getpeername(fd, remote), "getpeername", subject);
        int mss = intOption(arena, fd, TCP_MAXSEG, subject);
        return new TcpConnectionInitialState(SockaddrIn.decode(local.toArray(ValueLayout.JAVA_BYTE)),
                SockaddrIn.decode(remote.toArray(ValueLayout.JAVA_BYTE)), mss, windowScaling,
                windowScaling ? scales & 0xF : 0, windowScaling ? scales >>> 4 : 0,
                (options & TCPI_OPT_SACK) != 0, (options & TCPI_OPT_TIMESTAMPS) != 0);
    }

    /** Queue sequences and contents, window and timestamp clock; the socket must be in repair mode. */
    private static TcpConnectionEssentialState captureEssential(Arena arena, int fd, String subject)
            throws SystemCallException {
        setTcpOption(fd, TCP_REPAIR_QUEUE, TCP_SEND_QUEUE, subject);
        int sendSequence = intOption(arena, fd, TCP_QUEUE_SEQ, subject);
        byte[] unacknowledged = peekQueue(arena, fd, SIOCOUTQ, subject);
        setTcpOption(fd, TCP_REPAIR_QUEUE, TCP_RECV_QUEUE, subject);
        int receiveSequence = intOption(arena, fd, TCP_QUEUE_SEQ, subject);
        byte[] unread = peekQueue(arena, fd, SIOCINQ, subject);
        setTcpOption(fd, TCP_REPAIR_QUEUE, TCP_NO_QUEUE, subject);
        MemorySegment window = arena.allocate(TcpRepairWindow.SIZE);
        check(Libc.getsockopt(fd, IPPROTO_TCP, TCP_REPAIR_WINDOW, window), "getsockopt(TCP_REPAIR_WINDOW)", subject);
        int timestamp = intOption(arena, fd, TCP_TIMESTAMP, subject);
        return new TcpConnectionEssentialState(sendSequence, receiveSequence,
                TcpRepairWindow.decode(window.toArray(ValueLayout.JAVA_BYTE)), timestamp, unacknowledged, unread);
    }

    /** Back to normal operation, queue selection cleared, without the window probe a restore sends. */
    private static void leaveRepairWithoutProbe(int fd, String subject) throws SystemCallException {
        setTcpOption(fd, TCP_REPAIR_QUEUE, TCP_NO_QUEUE, subject);
        setTcpOption(fd, TCP_REPAIR, TCP_REPAIR_OFF_NO_WP, subject);
    }

    /**
     * A new socket, created in the calling thread's network namespace (which must hold {@code
     * state}'s local address), carrying on the connection {@code state} describes. The caller owns
     * the returned descriptor; it is blocking.
     */
    public static int restore(TcpConnectionState state) throws SystemCallException {
        TcpConnectionInitialState initial = state.initial();
        TcpConnectionEssentialState essential = state.essential();
        String subject = "TCP " + initial.local() + " -> " + initial.remote();
        int fd = Libc.socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
        check(fd, "socket", subject);
        try (Arena arena = Arena.ofConfined()) {
            // SO_REUSEADDR before repair mode: repair mode forces address reuse (the kernel's
            // SK_FORCE_REUSE), so the socket binds beside a listener on the same address and
            // port; setting SO_REUSEADDR afterwards would undo that.
            check(Libc.setsockoptInt(fd, SOL_SOCKET, SO_REUSEADDR, 1), "setsockopt(SO_REUSEADDR)", subject);
            setTcpOption(fd, TCP_REPAIR, TCP_REPAIR_ON, subject);
            setQueueSequence(fd, TCP_SEND_QUEUE, essential.sendUnacknowledged(), subject);
            setQueueSequence(fd, TCP_RECV_QUEUE, essential.receiveUnread(), subject);
            check(Libc.bind(fd, arena.allocateFrom(ValueLayout.JAVA_BYTE, SockaddrIn.encode(initial.local()))),
                    "bind", subject);
            check(Libc.connect(fd, arena.allocateFrom(ValueLayout.JAVA_BYTE, SockaddrIn.encode(initial.remote()))),
                    "connect", subject);
            byte[] options = TcpRepairOption.encode(TcpRepairOption.negotiatedBy(initial));
            check(Libc.setsockopt(fd, IPPROTO_TCP, TCP_REPAIR_OPTIONS, arena.allocateFrom(ValueLayout.JAVA_BYTE, options)),
                    "setsockopt(TCP_REPAIR_OPTIONS)", subject);
            if (initial.timestamps()) {
                setTcpOption(fd, TCP_TIMESTAMP, essential.timestamp(), subject);
            }
            refillQueue(arena, fd, TCP_RECV_QUEUE, essential.unread(), subject);
            refillQueue(arena, fd, TCP_SEND_QUEUE, essential.unacknowledged(), subject);
            check(Libc.setsockopt(fd, IPPROTO_TCP, TCP_REPAIR_WINDOW, arena.allocateFrom(ValueLayout.JAVA_BYTE,
                    essential.window().encode())), "setsockopt(TCP_REPAIR_WINDOW)", subject);
            setTcpOption(fd, TCP_REPAIR, TCP_REPAIR_OFF, subject);
            return fd;
        } catch (SystemCallException | RuntimeException e) {
            Libc.close(fd);
            throw e;
        }
    }

    private static void setQueueSequence(int fd, int queue, int sequence, String subject) throws SystemCallException {
        setTcpOption(fd, TCP_REPAIR_QUEUE, queue, subject);
        setTcpOption(fd, TCP_QUEUE_SEQ, sequence, subject);
    }

    /** Octets written into a queue in repair mode join it without being sent (tcp(7)). */
    private static void refillQueue(Arena arena, int fd, int queue, byte[] octets, String subject)
            throws SystemCallException {
        if (octets.length == 0) {
            return;
        }
        setTcpOption(fd, TCP_REPAIR_QUEUE, queue, subject);
        MemorySegment buffer = arena.allocateFrom(ValueLayout.JAVA_BYTE, octets);
        long offset = 0;
        while (offset < octets.length) {
            long written = Libc.write(fd, buffer.asSlice(offset), octets.length - offset);
            check(written, "write(repair queue " + queue + ")", subject);
            offset += written;
        }
    }

    /** The octets of the queue selected by TCP_REPAIR_QUEUE, whose length {@code lengthRequest} reads. */
    private static byte[] peekQueue(Arena arena, int fd, long lengthRequest, String subject)
            throws SystemCallException {
        MemorySegment length = arena.allocate(ValueLayout.JAVA_INT);
        String request = lengthRequest == SIOCINQ ? "SIOCINQ" : "SIOCOUTQ";
        check(Libc.ioctl(fd, lengthRequest, length), "ioctl(" + request + ")", subject);
        int size = length.get(ValueLayout.JAVA_INT, 0);
        if (size == 0) {
            return new byte[0];
        }
        MemorySegment buffer = arena.allocate(size);
        long peeked = Libc.recv(fd, buffer, size, MSG_PEEK | MSG_DONTWAIT);
        check(peeked, "recv(MSG_PEEK)", subject);
        if (peeked != size) {
            throw new IllegalStateException(subject + ": queue holds " + size + " octets but MSG_PEEK gave " + peeked);
        }
        return buffer.toArray(ValueLayout.JAVA_BYTE);
    }

    private static void setTcpOption(int fd, int name, int value, String subject) throws SystemCallException {
        check(Libc.setsockoptInt(fd, IPPROTO_TCP, name, value), "setsockopt(IPPROTO_TCP, " + name + ", " + value + ")",
                subject);
    }

    private static int intOption(Arena arena, int fd, int name, String subject) throws SystemCallException {
        MemorySegment value = arena.allocate(ValueLayout.JAVA_INT);
        check(Libc.getsockopt(fd, IPPROTO_TCP, name, value), "getsockopt(" + name + ")", subject);
        return value.get(ValueLayout.JAVA_INT, 0);
    }

    private static void check(long result, String call, String subject) throws SystemCallException {
        if (result < 0) {
            throw Libc.failure(call, subject);
        }
    }
}
