package io.cohort.dataplane.nfqueue;

import static io.cohort.dataplane.nfqueue.NfqueueConstants.*;

import io.cohort.dataplane.libc.Libc;
import io.cohort.dataplane.libc.SystemCallException;
import io.cohort.dataplane.netlink.NetlinkMessage;
import io.cohort.telemetry.Counter;
import io.cohort.telemetry.Counters;
import io.cohort.telemetry.RateLimitedLog;
import io.cohort.time.Clock;
import java.lang.System.Logger.Level;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.List;
import java.util.Optional;

/**
 * Holds one netfilter queue (nfnetlink_queue, NETLINK_NETFILTER) and accepts every packet the
 * kernel queues to it, on a daemon thread, for as long as this process runs.
 *
 * <p>What it is for is what happens when it stops running. A queue rule without {@code bypass}
 * makes the kernel drop a packet when no socket holds the queue (nf_queue: -ESRCH without
 * NF_VERDICT_FLAG_QUEUE_BYPASS frees the packet), and when the holding socket is released (the
 * process died: its descriptors are closed by the kernel) the queue instance is destroyed and
 * every packet still waiting for a verdict is reinjected with NF_DROP (nfnetlink_queue's
 * NETLINK_URELEASE notifier, instance_destroy, nfqnl_flush). So packets routed through the queue
 * leave the host while this process lives and never after it died, whatever order the kernel
 * closes its descriptors in.
 *
 * <p>Copy mode NFQNL_COPY_META: the kernel sends the packet's id and metadata, none of its bytes.
 * Each packet gets its own NF_ACCEPT verdict. {@link #close()} first reads and accepts what is
 * queued, then unbinds: close it only after whatever routes packets to the queue is gone, or a
 * packet queued in between is dropped.
 *
 * <p>Counters: {@code nfqueue.packets} (packet messages read), {@code nfqueue.accepted}
 * (verdicts sent), {@code nfqueue.errors} (malformed messages, failed receives or sends; each
 * logged, rate-limited).
 */
public final class NfqueueAcceptor implements AutoCloseable {
    private static final System.Logger LOGGER = System.getLogger(NfqueueAcceptor.class.getName());

    private final int queue;
    private final NetfilterSocket socket;
    private final int wakeFd;
    private final Counter packets;
    private final Counter accepted;
    private final Counter errors;
    private final RateLimitedLog log;
    private final Thread thread;
    private int sequence = 1;
    private volatile boolean stopping;
    private boolean closed;

    private NfqueueAcceptor(int queue, NetfilterSocket socket, int wakeFd, Counters counters) {
        this.queue = queue;
        this.socket = socket;
        this.wakeFd = wakeFd;
        this.packets = counters.counter("nfqueue.packets");
        this.accepted = counters.counter("nfqueue.accepted");
        this.errors = counters.counter("nfqueue.errors");
        this.log = RateLimitedLog.standard(LOGGER, Clock.system());
        this.thread = Thread.ofPlatform().name("nfqueue-" + queue).daemon().unstarted(this::loop);
    }

    /**
     * Binds queue {@code queue} (0..65535) in the calling thread's network namespace and starts
     * accepting its packets.
     *
     * @throws SystemCallException if the socket cannot be opened or the kernel refuses the bind
     *     (EPERM: another socket holds that queue number)
     */
    public static NfqueueAcceptor bind(int queue, Counters counters) throws SystemCallException {
        NetfilterSocket socket = NetfilterSocket.open("netfilter queue " + queue);
        int wakeFd = Libc.eventfd(0, Libc.EFD_CLOEXEC | Libc.EFD_NONBLOCK);
        if (wakeFd < 0) {
            SystemCallException failure = Libc.failure("eventfd", socket.subject());
            socket.close();
            throw failure;
        }
        NfqueueAcceptor acceptor = new NfqueueAcceptor(queue, socket, wakeFd, counters);
        try {
            acceptor.configure();
        } catch (SystemCallException | RuntimeException e) {
            acceptor.release();
            throw e;
        }
        acceptor.thread.start();
        return acceptor;
    }

    /** The queue number this acceptor holds. */
    public int queue() {
        return queue;
    }

    private void configure() throws SystemCallException {
        // A burst larger than the receive buffer must not end the loop with ENOBUFS.
        if (Libc.setsockoptInt(socket.descriptor(), SOL_NETLINK, NETLINK_NO_ENOBUFS, 1) < 0) {
            throw Libc.failure("setsockopt(NETLINK_NO_ENOBUFS)", socket.subject());
        }
        int bindSequence = sequence++;
        socket.send(NfqueueMessages.bind(queue, bindSequence), "NFQNL_CFG_CMD_BIND");
        socket.awaitAck(bindSequence, bindSequence, "NFQNL_CFG_CMD_BIND");
    }

    private void loop() {
        try (Arena loopArena = Arena.ofConfined()) {
            MemorySegment pollfds = loopArena.allocate(Libc.POLLFD, 2);
            pollfds.set(ValueLayout.JAVA_INT, 0, socket.descriptor());
            pollfds.set(ValueLayout.JAVA_SHORT, 4, Libc.POLLIN);
            pollfds.set(ValueLayout.JAVA_INT, 8, wakeFd);
            pollfds.set(ValueLayout.JAVA_SHORT, 12, Libc.POLLIN);
            while (!stopping) {
                if (Libc.poll(pollfds, 2, -1) < 0 && Libc.lastErrno() != Libc.EINTR) {
                    failed("poll: %s", Libc.strerror(Libc.lastErrno()));
                    continue;
                }
                acceptQueuedOrCount();
            }
            acceptQueuedOrCount(); // what the kernel queued before the caller stopped routing packets here
        }
    }

    /**
     * The thread must outlive any surprise: if it ended, queued packets would wait for a verdict
     * until the queue overflowed and the kernel dropped them, with the process still alive.
     */
    private void acceptQueuedOrCount() {
        try {
            acceptQueued();
        } catch (RuntimeException e) {
            failed("%s", e);
        }
    }

    /** Reads without waiting until nothing is left, accepting every queued packet. */
    private void acceptQueued() {
        while (true) {
            Optional<List<NetlinkMessage>> messages;
            try {
                messages = socket.receive(Libc.MSG_DONTWAIT, "queued packets");
            } catch (SystemCallException e) {
                failed("%s", e.getMessage());
                if (e.errno() == ENOBUFS) {
                    continue; // some packets were lost to the overflow; the rest are still queued
                }
                return;
            } catch (IllegalArgumentException malformed) {
                failed("malformed datagram from the kernel: %s", malformed.getMessage());
                continue;
            }
            if (messages.isEmpty()) {
                return;
            }
            for (NetlinkMessage message : messages.get()) {
                try {
                    Optional<QueuedPacket> packet = NfqueueMessages.packet(message);
                    if (packet.isPresent()) {
                        packets.increment();
                        accept(packet.get());
                    }
                } catch (IllegalArgumentException malformed) {
                    failed("malformed message from the kernel: %s", malformed.getMessage());
                }
            }
        }
    }

    private void accept(QueuedPacket packet) {
        try {
            socket.send(NfqueueMessages.accept(queue, packet.packetId(), sequence++), "NFQNL_MSG_VERDICT");
            accepted.increment();
        } catch (SystemCallException e) {
            failed("verdict for packet %d: %s", packet.packetId(), e.getMessage());
        }
    }

    private void failed(String format, Object... args) {
        errors.increment();
        log.log(Level.WARNING, "nfqueue.error", "netfilter queue " + queue + ": " + format, args);
    }

    /**
     * Accepts what is queued, unbinds the queue (the kernel drops any packet queued after) and
     * closes the socket. Idempotent.
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        stopping = true;
        try (Arena call = Arena.ofConfined()) {
            MemorySegment one = call.allocate(ValueLayout.JAVA_LONG);
            one.set(ValueLayout.JAVA_LONG, 0, 1L);
            Libc.write(wakeFd, one, 8);
        }
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            socket.send(NfqueueMessages.unbind(queue, sequence++), "NFQNL_CFG_CMD_UNBIND");
        } catch (SystemCallException e) {
            failed("unbind: %s (closing the socket unbinds it too)", e.getMessage());
        }
        release();
    }

    private void release() {
        socket.close();
        Libc.close(wakeFd);
    }
}
