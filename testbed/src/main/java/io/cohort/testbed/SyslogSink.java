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
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Pattern;

/**
 * A stand-in for {@code /dev/log}: pptp-linux logs only through syslog(3), and this host runs no
 * syslog daemon. A Unix stream socket (glibc falls back to SOCK_STREAM when the datagram connect
 * fails with EPROTOTYPE; each message then ends with a NUL) whose messages are kept in memory for
 * the test to wait on. The peer sees it through a symbolic link at {@code /dev/log} in its own
 * mount namespace.
 */
public final class SyslogSink implements AutoCloseable {
    private static final Duration POLL = Duration.ofMillis(20);

    private final Path path;
    private final ServerSocketChannel server;
    private final List<String> messages = new CopyOnWriteArrayList<>();
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
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            for (String m : messages) {
                if (pattern.matcher(m).find()) {
                    return m;
                }
            }
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("no syslog message matching " + pattern + " within " + timeout
                        + "; got:\n" + String.join("\n", messages));
            }
            LockSupport.parkNanos(POLL.toNanos());
        }
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
                            messages.add(current.toString());
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
            messages.add(current.toString());
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
