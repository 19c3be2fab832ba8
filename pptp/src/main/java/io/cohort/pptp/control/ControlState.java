package io.cohort.pptp.control;

/**
 * The states of a control connection on the receiving side (RFC 2637 section 3.1.2): Cohort never
 * opens the TCP connection, so it is always the "Control connection Receiver".
 */
public enum ControlState {
    /** TCP is open; waiting (at most the set-up timeout, 3.1.4) for a Start-Control-Connection-Request. */
    IDLE,
    /** Start-Control-Connection-Request answered with success: calls may be placed. */
    ESTABLISHED,
    /** We sent a Stop-Control-Connection-Request and wait for the reply (3.1.2 Wait-Stop-Reply). */
    WAIT_STOP_REPLY,
    /** The transport was closed (or is to be): nothing more happens. */
    CLOSED
}
