package io.cohort.cli;

/** The exit codes of {@code cohort}. */
public final class ExitCodes {
    public static final int OK = 0;
    /** The server failed to start or died, or a status request failed. */
    public static final int FAILURE = 1;
    /** Bad command-line usage (picocli's default). */
    public static final int USAGE = 2;
    /** {@code cohort status}: no server is running (as LSB init scripts' "program is not running"). */
    public static final int NOT_RUNNING = 3;
    /** {@code cohort drain MEMBER}: the control socket is another member's (a member drains only itself). */
    public static final int NOT_THIS_MEMBER = 4;
    /** {@code cohort drain --wait}: the member still held units when the timeout ran out; the drain goes on. */
    public static final int STILL_DRAINING = 5;
    /** The configuration is invalid (sysexits.h EX_CONFIG). */
    public static final int CONFIG = 78;

    /*
     * A run stopped by a signal exits as the JVM does after its shutdown hooks: 128 + the signal,
     * 130 for SIGINT (Ctrl-C), 143 for SIGTERM; --help lists both.
     */

    private ExitCodes() {
    }
}
