package io.cohort.server.control;

import io.cohort.server.control.api.ClusterDocument;
import io.cohort.server.control.api.ControlJson;
import io.cohort.server.control.api.DrainDocument;
import io.cohort.server.control.api.StatusDocument;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;

/** The client side of the control socket: {@code cohort status}, and the typed documents of the control API. */
public final class ControlClient {
    /** The largest answer accepted (status of a very large server stays well below). */
    static final int MAX_ANSWER_BYTES = 256 * 1024 * 1024;

    private ControlClient() {
    }

    /** Why a request failed, in words fit for the operator. */
    public static final class ControlClientException extends Exception {
        public ControlClientException(String message) {
            super(message);
        }
    }

    /** {@code status --json} of the server at {@code socket}, typed. */
    public static StatusDocument status(Path socket, Duration timeout) throws ControlClientException {
        return document(socket, "status --json", timeout, StatusDocument.class);
    }

    /** {@code cluster --json} of the server at {@code socket}, typed. */
    public static ClusterDocument cluster(Path socket, Duration timeout) throws ControlClientException {
        return document(socket, "cluster --json", timeout, ClusterDocument.class);
    }

    /** {@code drain --json} (drains the member at {@code socket}) or {@code drain --cancel --json}, typed. */
    public static DrainDocument drain(Path socket, boolean on, Duration timeout) throws ControlClientException {
        return document(socket, on ? "drain --json" : "drain --cancel --json", timeout, DrainDocument.class);
    }

    private static <T> T document(Path socket, String command, Duration timeout, Class<T> type)
            throws ControlClientException {
        String answer = request(socket, command, timeout);
        if (answer.startsWith(ControlProtocol.ERROR_PREFIX)) {
            throw new ControlClientException(answer.strip());
        }
        try {
            return ControlJson.read(answer, type);
        } catch (IllegalArgumentException e) {
            throw new ControlClientException("the server at " + socket + " answered '" + command + "' with "
                    + e.getMessage());
        }
    }

    /**
     * Sends {@code command} to the server at {@code socket} and returns its whole answer. Fails
     * with a clear message when no server runs there, access is denied, or the server does not
     * answer within {@code timeout}.
     */
    public static String request(Path socket, String command, Duration timeout) throws ControlClientException {
        if (command.indexOf('\n') >= 0) {
            throw new IllegalArgumentException("a command is one line");
        }
        if (!Files.exists(socket, LinkOption.NOFOLLOW_LINKS)) {
            throw new ControlClientException("no server running: cannot connect to " + socket + " (no such file)");
        }
        SocketChannel channel;
        try {
            channel = SocketChannel.open(StandardProtocolFamily.UNIX);
            try {
                channel.connect(UnixDomainSocketAddress.of(socket));
            } catch (IOException e) {
                channel.close();
                throw e;
            }
        } catch (AccessDeniedException e) {
            throw denied(socket);
        } catch (IOException e) {
            String message = String.valueOf(e.getMessage());
            if (message.contains("Permission denied")) {
                throw denied(socket);
            }
            throw new ControlClientException("no server running: cannot connect to " + socket + " (" + message + ")");
        }
        try (DeadlineChannel c = new DeadlineChannel(channel, timeout)) {
            c.writeFully(ByteBuffer.wrap((command + "\n").getBytes(StandardCharsets.UTF_8)));
            c.shutdownOutput();
            return new String(c.readAll(MAX_ANSWER_BYTES), StandardCharsets.UTF_8);
        } catch (SocketTimeoutException e) {
            throw new ControlClientException("the server at " + socket + " did not answer within "
                    + timeout.toMillis() + " ms");
        } catch (IOException e) {
            throw new ControlClientException("lost the connection to " + socket + ": " + e.getMessage());
        }
    }

    private static ControlClientException denied(Path socket) {
        return new ControlClientException("permission denied: cannot connect to " + socket
                + " (it is owner-only; run as the user the server runs as, usually root)");
    }
}
