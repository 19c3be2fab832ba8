package io.cohort.server.control;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Reads and writes on a non-blocking socket channel with one overall deadline, so that a peer
 * that stops reading or writing cannot hold a thread forever (Unix-domain socket channels have
 * no read timeout of their own).
 */
final class DeadlineChannel implements AutoCloseable {
    private final SocketChannel channel;
    private final Selector selector;
    private final long deadlineNanos;

    DeadlineChannel(SocketChannel channel, Duration timeout) throws IOException {
        this.channel = channel;
        channel.configureBlocking(false);
        this.selector = Selector.open();
        this.deadlineNanos = System.nanoTime() + timeout.toNanos();
    }

    /** The result of reading a line: the line, or why there is none. */
    sealed interface Line {
        record Ok(String text) implements Line { }

        record TooLong() implements Line { }

        record Closed() implements Line { }
    }

    /**
     * Reads up to and excluding the first newline (a final line without newline counts when the
     * peer half-closes). More than {@code maxBytes} bytes without a newline is {@link Line.TooLong}.
     */
    Line readLine(int maxBytes) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(maxBytes);
        while (true) {
            for (int i = 0; i < buffer.position(); i++) {
                if (buffer.get(i) == '\n') {
                    return new Line.Ok(text(buffer, i));
                }
            }
            if (!buffer.hasRemaining()) {
                return new Line.TooLong();
            }
            int n = channel.read(buffer);
            if (n < 0) {
                return buffer.position() == 0 ? new Line.Closed() : new Line.Ok(text(buffer, buffer.position()));
            }
            if (n == 0) {
                await(SelectionKey.OP_READ);
            }
        }
    }

    /** Reads everything until the peer closes. */
    byte[] readAll(int maxBytes) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(8192);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        while (true) {
            buffer.clear();
            int n = channel.read(buffer);
            if (n < 0) {
                return out.toByteArray();
            }
            if (n == 0) {
                await(SelectionKey.OP_READ);
            } else {
                out.write(buffer.array(), 0, n);
                if (out.size() > maxBytes) {
                    throw new IOException("answer longer than " + maxBytes + " bytes");
                }
            }
        }
    }

    void writeFully(ByteBuffer data) throws IOException {
        while (data.hasRemaining()) {
            if (channel.write(data) == 0) {
                await(SelectionKey.OP_WRITE);
            }
        }
    }

    void shutdownOutput() throws IOException {
        channel.shutdownOutput();
    }

    /**
     * Ends our side (the peer reads end-of-stream) and discards what the peer still sends, up to
     * {@code maxBytes} or the deadline. Closing a Unix-domain socket with unread input resets the
     * connection, which could destroy the answer before the peer read it.
     */
    void finish(int maxBytes) throws IOException {
        channel.shutdownOutput();
        ByteBuffer sink = ByteBuffer.allocate(4096);
        int discarded = 0;
        while (discarded <= maxBytes) {
            sink.clear();
            int n = channel.read(sink);
            if (n < 0) {
                return;
            }
            if (n == 0) {
                await(SelectionKey.OP_READ);
            }
            discarded += n;
        }
    }

    private void await(int op) throws IOException {
        long remaining = deadlineNanos - System.nanoTime();
        if (remaining <= 0) {
            throw new SocketTimeoutException("timed out");
        }
        SelectionKey key = channel.register(selector, op);
        int ready;
        try {
            ready = selector.select(Math.max(1, remaining / 1_000_000));
        } finally {
            key.interestOps(0);
            selector.selectedKeys().clear();
        }
        if (ready == 0 && System.nanoTime() - deadlineNanos >= 0) {
            throw new SocketTimeoutException("timed out");
        }
    }

    private static String text(ByteBuffer buffer, int end) {
        return new String(buffer.array(), 0, end, StandardCharsets.UTF_8);
    }

    @Override
    public void close() throws IOException {
        try {
            selector.close();
        } finally {
            channel.close();
        }
    }
}
