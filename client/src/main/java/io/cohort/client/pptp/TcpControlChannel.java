package io.cohort.client.pptp;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * The TCP connection of one PPTP control connection (port 1723), as a thin I/O adapter: a
 * blocking {@link SocketChannel}, a reader thread that hands each chunk on (the caller moves it to
 * the engine thread), and blocking writes from the engine thread (control messages are at most
 * 220 octets and rare, so a write never waits long).
 */
final class TcpControlChannel implements AutoCloseable {
    private static final int READ_BUFFER = 4096;

    private final SocketChannel channel;
    private final InetSocketAddress server;
    private volatile boolean closed;

    private TcpControlChannel(SocketChannel channel, InetSocketAddress server) {
        this.channel = channel;
        this.server = server;
    }

    /** Opens the connection, waiting at most {@code timeout}; nothing is read until {@link #startReading}. */
    static TcpControlChannel connect(InetSocketAddress server, Duration timeout) throws IOException {
        SocketChannel ch = SocketChannel.open();
        try {
            ch.setOption(StandardSocketOptions.TCP_NODELAY, true);
            ch.socket().connect(server, (int) Math.min(Integer.MAX_VALUE, Math.max(1, timeout.toMillis())));
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
        return new TcpControlChannel(ch, server);
    }

    /**
     * Starts the reader thread: {@code onChunk} gets each chunk (a copy the receiver may keep),
     * {@code onClosed} once, with the reason, when the server closes or the connection fails.
     */
    void startReading(String name, Consumer<ByteBuffer> onChunk, Consumer<String> onClosed) {
        Thread.ofPlatform().name(name + "-tcp").daemon(true).start(() -> {
            ByteBuffer buf = ByteBuffer.allocate(READ_BUFFER);
            try {
                while (true) {
                    buf.clear();
                    if (channel.read(buf) < 0) {
                        onClosed.accept("server closed the TCP connection");
                        return;
                    }
                    buf.flip();
                    onChunk.accept(ByteBuffer.allocate(buf.remaining()).put(buf).flip());
                }
            } catch (ClosedChannelException e) { // includes AsynchronousCloseException: we closed it
                if (!closed) {
                    onClosed.accept("TCP connection closed");
                }
            } catch (IOException e) {
                onClosed.accept("TCP connection failed: " + e.getMessage());
            }
        });
    }

    /** Writes all of {@code octets}; a failed write closes the connection (the reader then reports it). */
    void write(ByteBuffer octets) {
        try {
            while (octets.hasRemaining()) {
                channel.write(octets);
            }
        } catch (IOException e) {
            close();
        }
    }

    InetSocketAddress server() {
        return server;
    }

    /** Closes the connection; what was written has been handed to TCP already ("pushed", 3.1.1). */
    @Override
    public void close() {
        closed = true;
        try {
            channel.close();
        } catch (IOException e) {
            // nothing more can be sent either way
        }
    }
}
