package io.cohort.pptp.control;

/**
 * The states of a control connection on the originating side (RFC 2637 section 3.1.1): the in-repo
 * client opens the TCP connection, so it is the "Control Connection Originator" and the PNS.
 */
public enum ClientControlState {
    /** The TCP connection is not open yet: nothing has been sent. */
    IDLE,
    /** Start-Control-Connection-Request sent; waiting (at most the reply timeout) for the reply. */
    WAIT_CTL_REPLY,
    /** The reply was success with a version we speak: calls may be placed. */
    ESTABLISHED,
    /** We sent a Stop-Control-Connection-Request and wait for the reply (3.1.1 wait_stop_reply). */
    WAIT_STOP_REPLY,
    /** The transport was closed (or is to be): nothing more happens. */
    CLOSED
}
