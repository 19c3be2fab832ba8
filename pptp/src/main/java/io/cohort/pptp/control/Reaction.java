package io.cohort.pptp.control;

/** What a {@link ControlConnection} does with a received message in a given state ({@link ControlTransitions}). */
public enum Reaction {
    /** Check the version and answer with a Start-Control-Connection-Reply (3.1.2). */
    START,
    /** Answer a Stop-Control-Connection-Request and close the transport (3.1.2 established). */
    STOP_REPLY_AND_CLOSE,
    /** The reply to our Stop-Control-Connection-Request: close the transport (3.1.2 wait_stop_reply). */
    CLOSE_AFTER_STOP_REPLY,
    /** Answer an Echo-Request with an Echo-Reply (2.5). */
    ECHO_REPLY,
    /** An Echo-Reply: the keepalive of 3.1.4 was answered. */
    ECHO_ANSWERED,
    /** Place an outgoing call: the PAC side of 3.2.4.1. */
    OUTGOING_CALL,
    /** Clear a call and send a Call-Disconnect-Notify (3.2.4.1 established). */
    CLEAR_CALL,
    /** A Call-Disconnect-Notify from the PNS, which RFC 2637 does not send; some clients do. */
    PEER_DISCONNECTED_CALL,
    /** Set-Link-Info: record the ACCMs (2.15). */
    LINK_INFO,
    /** WAN-Error-Notify: record the error counts (2.14). */
    WAN_ERROR,
    /** An Incoming-Call-Request: a remote-access server places no incoming calls; answer Do-Not-Accept (2.10). */
    REFUSE_INCOMING_CALL,
    /** Count and drop: the message is harmless in this state (e.g. in flight while stopping). */
    IGNORE,
    /** Illegal while established: a local termination, Stop-Control-Connection-Request first (3.1.2). */
    STOP,
    /** Illegal before establishment: close the transport at once (no control connection exists, 2.16 Not-Connected). */
    CLOSE
}
