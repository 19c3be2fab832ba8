package io.cohort.server.control;

import io.cohort.telemetry.Counters;
import io.cohort.telemetry.RateLimitedLog;
import io.cohort.time.Clock;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Serves the control socket: one platform thread accepts, each client is served on a virtual
 * thread with a deadline ({@link ControlProtocol#SERVER_TIMEOUT}), at most
 * {@link ControlProtocol#MAX_CONCURRENT_CLIENTS} at once. A request line longer than
 * {@link ControlProtocol#MAX_REQUEST_BYTES} is refused. {@link #close()} stops accepting, drops
 * clients being served and removes the socket file.
 *
 * <p>Counters: {@code control.requests}, {@code control.rejected.busy},
 * {@code control.rejected.too-long}, {@code control.timeouts}, {@code control.errors}.
 */
public final class ControlServer implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(ControlServer.class.getName());
    /** What a client may still send after its request before we close regardless. */
    private static final int DRAIN_BYTES = 64 * 1024;

    private final ServerSocketChannel server;
    private final SocketFile file;
    private final ControlCommands commands;
    private final Counters counters;
    private final Duration timeout;
    private final Semaphore slots = new Semaphore(ControlProtocol.MAX_CONCURRENT_CLIENTS);
    private final Set<SocketChannel> clients = ConcurrentHashMap.newKeySet();
    private final Thread acceptor;
    private final RateLimitedLog acceptFailures =
            RateLimitedLog.standard(System.getLogger(ControlServer.class.getName()), Clock.system());
    private volatile boolean closed;

    private ControlServer(SocketFile.Bound bound, ControlCommands commands, Counters counters, Duration timeout) {
        this.server = bound.channel();
        this.file = bound.file();
        this.commands = commands;
        this.counters = counters;
        this.timeout = timeout;
        this.acceptor = Thread.ofPlatform().name("cohort-control").daemon().unstarted(this::acceptLoop);
    }

    /**
     * Binds {@code path} (see {@link SocketFile} for how an existing file is treated) and starts
     * serving. Throws {@link ControlSocketInUseException} if another server answers there.
     */
    public static ControlServer start(Path path, ControlCommands commands, Counters counters) throws IOException {
        return start(path, commands, counters, ControlProtocol.SERVER_TIMEOUT);
    }

    static ControlServer start(Path path, ControlCommands commands, Counters counters, Duration timeout)
            throws IOException {
        Objects.requireNonNull(commands);
        Objects.requireNonNull(counters);
        ControlServer s = new ControlServer(SocketFile.bind(path), commands, counters, timeout);
        s.acceptor.start();
        return s;
    }

    public Path path() {
        return file.path();
    }

    private void acceptLoop() {
        while (!closed) {
            SocketChannel client;
            try {
                client = server.accept();
            } catch (ClosedChannelException e) {
                return;
            } catch (IOException e) {
                counters.counter("control.errors").increment();
                acceptFailures.log(System.Logger.Level.WARNING, "control.accept", "control socket accept failed: %s", e);
                continue;
            }
            if (!slots.tryAcquire()) {
                counters.counter("control.rejected.busy").increment();
                Thread.ofVirtual().start(() -> refuse(client));
                continue;
            }
            clients.add(client);
            Thread.ofVirtual().name("cohort-control-client").start(() -> {
                try {
                    serve(client);
                } finally {
                    clients.remove(client);
                    slots.release();
                }
            });
        }
    }

    private void serve(SocketChannel client) {
        try (DeadlineChannel channel = new DeadlineChannel(client, timeout)) {
            String answer = switch (channel.readLine(ControlProtocol.MAX_REQUEST_BYTES)) {
                case DeadlineChannel.Line.Ok ok -> {
                    counters.counter("control.requests").increment();
                    yield answer(ok.text());
                }
                case DeadlineChannel.Line.TooLong tooLong -> {
                    counters.counter("control.rejected.too-long").increment();
                    yield ControlProtocol.ERROR_PREFIX + "request longer than " + ControlProtocol.MAX_REQUEST_BYTES
                            + " bytes\n";
                }
                case DeadlineChannel.Line.Closed c -> null;
            };
            if (answer != null) {
                channel.writeFully(ByteBuffer.wrap(answer.getBytes(StandardCharsets.UTF_8)));
                channel.finish(DRAIN_BYTES);
            }
        } catch (SocketTimeoutException e) {
            counters.counter("control.timeouts").increment();
        } catch (IOException e) {
            if (!closed) {
                counters.counter("control.errors").increment();
                LOG.log(Level.FINE, "control client failed: " + e);
            }
        }
    }

    /** The command's answer; a command that throws is a bug, reported to the client and logged. */
    private String answer(String line) {
        try {
            return commands.answer(line);
        } catch (RuntimeException e) {
            counters.counter("control.errors").increment();
            LOG.log(Level.WARNING, "control command failed", e);
            return ControlProtocol.ERROR_PREFIX + "internal error (" + e.getClass().getSimpleName() + "), see the server log\n";
        }
    }

    private void refuse(SocketChannel client) {
        try (DeadlineChannel channel = new DeadlineChannel(client, Duration.ofSeconds(1))) {
            channel.writeFully(ByteBuffer.wrap((ControlProtocol.ERROR_PREFIX + "server busy, try again\n")
                    .getBytes(StandardCharsets.UTF_8)));
            channel.finish(DRAIN_BYTES);
        } catch (IOException e) {
            LOG.log(Level.FINE, "could not tell a control client the server is busy: " + e);
        }
    }

    /** Stops serving and removes the socket file; idempotent. */
    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        try {
            server.close();
            for (SocketChannel c : clients) {
                c.close();
            }
            try {
                acceptor.join(Duration.ofSeconds(5));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        } finally {
            file.delete();
        }
    }
}
