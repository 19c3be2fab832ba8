package io.cohort.server.control;

import java.time.Duration;

/**
 * The control socket's line protocol. The client connects, sends one command line in UTF-8
 * ending in {@code \n} (at most {@link #MAX_REQUEST_BYTES} bytes), and reads until the server
 * closes the connection. An answer that begins with {@link #ERROR_PREFIX} reports a failure.
 *
 * <p>Commands: {@code status} (aligned text), {@code status --json} (JSON); {@code cluster} and
 * {@code cluster --json}; {@code drain} and {@code drain --cancel}, each with {@code --json}
 * ({@link DrainCommands}).
 */
public final class ControlProtocol {
    /** The longest request line, newline included; a longer one is refused. */
    public static final int MAX_REQUEST_BYTES = 1024;
    /** How long the server waits for the request line, and for the client to take the answer. */
    public static final Duration SERVER_TIMEOUT = Duration.ofSeconds(5);
    /** How many clients the server serves at once; more get a "busy" error. */
    public static final int MAX_CONCURRENT_CLIENTS = 8;
    public static final String ERROR_PREFIX = "error: ";

    private ControlProtocol() {
    }
}
