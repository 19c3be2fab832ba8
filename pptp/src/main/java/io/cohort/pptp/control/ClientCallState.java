package io.cohort.pptp.control;

/** The states of an outgoing call on the PNS side (RFC 2637 section 3.2.4.2); idle calls are not kept. */
public enum ClientCallState {
    /** Outgoing-Call-Request sent; waiting for the Outgoing-Call-Reply. */
    WAIT_REPLY,
    /** The reply was Connected: PPP runs over GRE. */
    ESTABLISHED,
    /** We sent a Call-Clear-Request and wait for the PAC's Call-Disconnect-Notify. */
    WAIT_DISCONNECT
}
