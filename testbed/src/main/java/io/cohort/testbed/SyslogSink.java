package io.cohort.testbed;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;

/**
 * A stand-in for {@code /dev/log}: pptp-linux logs only through syslog(3), and this host runs no
 * syslog daemon. A Unix stream socket (glibc falls back to SOCK_STREAM when the datagram connect
 * fails with EPROTOTYPE; each message then ends with a NUL) whose messages are kept in memory for
 * the test to wait on: each message is offered to the waiting tests as it arrives (no polling).
 * The peer sees it through a symbolic link at {@code /dev/log} in its own mount namespace.
 */
public final class SyslogSink implements AutoCloseable {
    private final Path path;
    private final ServerSocketChannel server;
    private final List<String> messages = new CopyOnWriteArrayList<>();
    private final List<Waiter> waiters = new CopyOnWriteArrayList<>();
    private final List<SocketChannel> clients = new CopyOnWriteArrayList<>();
    private final Thread acceptor;

    private SyslogSink(Path path, ServerSocketChannel server) {
        this.path = path;
        this.server = server;
        this.acceptor = Thread.ofPlatform().daemon().name("syslog-sink").start(this::acceptLoop);
    }

    public static SyslogSink bind(Path path) throws IOException {
        Files.deleteIfExists(path);
        ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(path));
        return new SyslogSink(path, server);
    }

    public Path path() {
        return path;
    }

    public List<String> messages() {
        return List.copyOf(messages);
    }

    /** Waits for a message matching {@code pattern}; fails with every message seen so far. */
    public String await(Pattern pattern, Duration timeout) {
        Waiter waiter = new Waiter(pattern, new CompletableFuture<>());
        waiters.add(waiter); // before looking at the past, so that no message falls in between
        try {
            messages.forEach(waiter::offer);
            return waiter.match().get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            throw new AssertionError("no syslog message matching " + pattern + " within " + timeout
                    + "; got:\n" + String.join("\n", messages), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting for a syslog message matching " + pattern, e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("a waiter's match is only ever completed normally", e);
        } finally {
            waiters.remove(waiter);
        }
    }

    /** A test waiting for a message that {@code pattern} finds something in. */
    private record Waiter(Pattern pattern, CompletableFuture<String> match) {
        void offer(String message) {
            if (pattern.matcher(message).find()) {
                match.complete(message);
            }
        }
    }

    private void received(String message) {
        messages.add(message);
        waiters.forEach(w -> w.offer(message));
    }

    private void acceptLoop() {
        while (server.isOpen()) {
            try {
                SocketChannel client = server.accept();
                clients.add(client);
                Thread.ofPlatform().daemon().name("syslog-sink-client").start(() -> readLoop(client));
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void readLoop(SocketChannel client) {
        ByteBuffer buffer = ByteBuffer.allocate(8192);
        StringBuilder current = new StringBuilder();
        try {
            while (client.read(buffer) > 0) {
                buffer.flip();
                while (buffer.hasRemaining()) {
                    byte b = buffer.get();
                    if (b == 0 || b == '\n') {
                        if (!current.isEmpty()) {
                            received(current.toString());
                            current.setLength(0);
                        }
                    } else {
                        current.append(new String(new byte[] {b}, StandardCharsets.ISO_8859_1));
                    }
                }
                buffer.clear();
            }
        } catch (IOException closed) {
            // the peer exited, or close() closed the channel
        }
        if (!current.isEmpty()) {
            received(current.toString());
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        for (SocketChannel c : clients) {
            c.close();
        }
        try {
            acceptor.join(Duration.ofSeconds(2));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Files.deleteIfExists(path);
    }
}
