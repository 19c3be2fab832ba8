package io.cohort.server.pptp;

import io.cohort.dataplane.rawip.RawIpReader;
import io.cohort.dataplane.rawip.RawIpSocket;
import io.cohort.server.dataplane.EngineInbox;
import io.cohort.telemetry.Counter;
import io.cohort.telemetry.Counters;
import io.cohort.telemetry.RateLimitedLog;
import io.netty.channel.IoEventLoop;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.Inet4Address;
import java.nio.ByteBuffer;
import java.util.concurrent.Executor;
import java.util.function.BiConsumer;

/**
 * The GRE side of PPTP: a raw IPv4 socket for protocol 47 bound to {@code [pptp] listen}. On an
 * epoll engine loop the loop reads it itself ({@link EpollGreReader}); otherwise a reader thread
 * copies each datagram's GRE part and hands it with the source address to the engine loop
 * through an {@link EngineInbox} (a flood beyond it is dropped and counted,
 * {@code pptp.gre.rx.dropped.engine_busy}). The engine sends on the loop thread. The socket asks
 * for {@value #SOCKET_BUFFER} octets of buffer each way, as the L2TP socket does, so that set-up
 * bursts of thousands of calls fit. A send the socket cannot take at once is dropped and counted
 * ({@code pptp.gre.tx.dropped.socket_full}; GRE is unreliable, 4.3), an error is counted and
 * logged at a limited rate.
 */
final class GreEndpoint implements GreSender, AutoCloseable {
    static final int SOCKET_BUFFER = 4 << 20;

    private final RawIpSocket socket;
    private final RateLimitedLog log;
    private final Counter socketFull;
    private final Counter sendErrors;
    /** The reader: on the engine's epoll when the engine has one, else a thread of its own. */
    private EpollGreReader epollReader;
    private RawIpReader reader;

    private GreEndpoint(RawIpSocket socket, Counters counters, RateLimitedLog log) {
        this.socket = socket;
        this.log = log;
        this.socketFull = counters.counter("pptp.gre.tx.dropped.socket_full");
        this.sendErrors = counters.counter("pptp.gre.tx.errors");
    }

    /** Opens the socket in the calling thread's network namespace and starts reading onto {@code engine}. */
    static GreEndpoint open(Inet4Address local, Executor engine, BiConsumer<Inet4Address, ByteBuffer> onPacket,
                            Counters counters, RateLimitedLog log) throws IOException {
        RawIpSocket socket = RawIpSocket.open(RawIpSocket.IPPROTO_GRE, local);
        try {
            int granted = socket.setBuffers(SOCKET_BUFFER);
            if (granted < SOCKET_BUFFER) {
                log.log(Level.WARNING, "gre.rcvbuf", "GRE socket buffers are %d KiB, not the %d KiB asked for: "
                        + "set-up bursts may overflow them", granted >> 10, SOCKET_BUFFER >> 10);
            }
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
        GreEndpoint endpoint = new GreEndpoint(socket, counters, log);
        if (EpollGreReader.supported(engine)) {
            try {
                endpoint.epollReader = EpollGreReader.register(socket, (IoEventLoop) engine, onPacket, counters);
            } catch (IOException e) {
                socket.close();
                throw e;
            }
            return endpoint;
        }
        EngineInbox inbox = new EngineInbox(engine, EngineInbox.DEFAULT_LIMIT,
                counters.counter("pptp.gre.rx.dropped.engine_busy"));
        endpoint.reader = RawIpReader.start(endpoint.socket,
                (source, gre) -> inbox.offer(gre, copy -> onPacket.accept(source, copy)), counters);
        return endpoint;
    }

    @Override
    public void send(Inet4Address peer, ByteBuffer grePacket) {
        try {
            if (!socket.send(peer, grePacket)) {
                socketFull.increment();
            }
        } catch (IOException e) {
            sendErrors.increment();
            log.log(Level.WARNING, "pptp.gre.tx.error", "GRE send to %s failed: %s", peer.getHostAddress(), e);
        }
    }

    /** False once the reader has stopped (socket closed or a receive error). */
    boolean reading() {
        return epollReader != null ? epollReader.reading() : reader.isRunning();
    }

    String failure() {
        return (epollReader != null ? epollReader.failure() : reader.failure())
                .map(Exception::toString).orElse("no error");
    }

    @Override
    public void close() {
        if (epollReader != null) {
            epollReader.close();
        } else {
            reader.close();
        }
    }
}
