package io.cohort.server.pptp;

import io.cohort.dataplane.libc.Libc;
import io.cohort.dataplane.libc.SystemCallException;
import io.cohort.dataplane.tcprepair.SocketAfterCapture;
import io.cohort.dataplane.tcprepair.TcpConnectionEssentialState;
import io.cohort.dataplane.tcprepair.TcpConnectionRepair;
import io.cohort.dataplane.tcprepair.TcpConnectionState;
import io.cohort.telemetry.Counter;
import io.cohort.telemetry.Counters;
import io.cohort.telemetry.RateLimitedLog;
import io.netty.channel.Channel;
import io.netty.channel.epoll.EpollSocketChannel;
import java.lang.System.Logger.Level;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Optional;

/**
 * The TCP connection under a PPTP control connection as figure-7 state (patent; DESIGN.md
 * "State": its state maps onto Linux TCP_REPAIR): captured from the Netty channel's socket on the
 * engine thread, between the channel's reads and writes, and left serving; frozen when the
 * connection is handed over, so that closing it sends neither FIN nor RST; and restored into a
 * new channel on the member that takes it over, without a handshake.
 *
 * <p>Only epoll channels have a descriptor to capture; on NIO nothing is captured
 * ({@code pptp.replication.tcp.unsupported}). A capture that fails (the peer closed its side,
 * the socket is gone) is counted ({@code pptp.replication.tcp.capture_failed}) and logged at a
 * limited rate; the control connection carries on, unreplicated until the next exchange.
 */
final class ControlSocketRepair {
    /**
     * How far a restored connection's timestamp clock (RFC 7323 5) is set ahead of the replica's,
     * in milliseconds, the clock's unit on Linux. The old owner may have sent segments after the
     * last capture (delayed acknowledgments, retransmissions) with later timestamps; a peer drops
     * segments whose timestamp is older than the last it saw (PAWS, RFC 7323 5.3), but takes any
     * newer one. A minute covers retransmissions long after the last exchange.
     */
    static final int TIMESTAMP_TAKEOVER_JUMP = 60_000;
    private static final long FIONBIO = 0x5421;

    private final Counter unsupported;
    private final Counter failed;
    private final RateLimitedLog log;

    ControlSocketRepair(Counters counters, RateLimitedLog log) {
        this.unsupported = counters.counter("pptp.replication.tcp.unsupported");
        this.failed = counters.counter("pptp.replication.tcp.capture_failed");
        this.log = log;
    }

    /** The state of {@code channel}'s connection, which stays as it was; empty if it cannot be had. */
    Optional<TcpConnectionState> capture(Channel channel) {
        return capture(channel, SocketAfterCapture.SERVING);
    }

    /**
     * Puts {@code channel}'s socket in repair mode for good: it sends nothing more, and closing it
     * sends neither FIN nor RST (tcp(7)). Returns the state it was frozen in, if it could be read.
     */
    Optional<TcpConnectionState> freeze(Channel channel) {
        return capture(channel, SocketAfterCapture.FROZEN);
    }

    private Optional<TcpConnectionState> capture(Channel channel, SocketAfterCapture after) {
        if (!(channel instanceof EpollSocketChannel epoll)) {
            unsupported.increment();
            return Optional.empty();
        }
        if (!epoll.isOpen()) {
            return Optional.empty();
        }
        try {
            return Optional.of(TcpConnectionRepair.capture(epoll.fd().intValue(), after));
        } catch (SystemCallException | IllegalStateException e) {
            // IllegalStateException: the connection left ESTABLISHED (the peer closed its side).
            failed.increment();
            log.log(Level.INFO, "pptp.replication.tcp.capture_failed", "PPTP control connection %s: TCP state"
                    + " not captured: %s", channel.remoteAddress(), e.getMessage());
            return Optional.empty();
        }
    }

    /**
     * A non-blocking channel (not yet registered) on a socket carrying on the connection
     * {@code replica} describes, its timestamp clock {@linkplain #TIMESTAMP_TAKEOVER_JUMP moved
     * ahead}; in the calling thread's network namespace, which must hold the local address.
     */
    static EpollSocketChannel restore(TcpConnectionState replica) throws SystemCallException {
        TcpConnectionEssentialState e = replica.essential();
        TcpConnectionEssentialState jumped = new TcpConnectionEssentialState(e.sendSequence(), e.receiveSequence(),
                e.window(), e.timestamp() + TIMESTAMP_TAKEOVER_JUMP, e.unacknowledged(), e.unread());
        int fd = TcpConnectionRepair.restore(new TcpConnectionState(replica.initial(), jumped));
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment on = arena.allocateFrom(ValueLayout.JAVA_INT, 1);
            if (Libc.ioctl(fd, FIONBIO, on) < 0) {
                SystemCallException failure = Libc.failure("ioctl(FIONBIO)", "restored TCP socket " + fd);
                Libc.close(fd);
                throw failure;
            }
        }
        return new EpollSocketChannel(fd);
    }
}
