package io.cohort.pptp.control;

/** What a {@link ClientControlConnection} does with a received message in a given state ({@link ClientControlTransitions}). */
public enum ClientReaction {
    /** Check the result and version of the Start-Control-Connection-Reply (3.1.1 wait_ctl_reply). */
    START_REPLY,
    /** Answer a Stop-Control-Connection-Request and close the transport (3.1.1 established). */
    STOP_REPLY_AND_CLOSE,
    /** The reply to our Stop-Control-Connection-Request: close the transport (3.1.1 wait_stop_reply). */
    CLOSE_AFTER_STOP_REPLY,
    /** Answer an Echo-Request with an Echo-Reply (2.5; either side may probe, 3.1.4). */
    ECHO_REPLY,
    /** An Echo-Reply: our keepalive was answered. */
    ECHO_ANSWERED,
    /** The answer to one of our Outgoing-Call-Requests (3.2.4.2 wait_reply). */
    OUTGOING_CALL_REPLY,
    /** The PAC ended a call, or confirmed our Call-Clear-Request (3.2.4.2 established, wait_disconnect). */
    CALL_DISCONNECTED,
    /** WAN-Error-Notify: count it (2.14). */
    WAN_ERROR,
    /** An Incoming-Call-Request: the client takes no incoming calls; answer Do-Not-Accept (2.10). */
    REFUSE_INCOMING_CALL,
    /** Count and drop: harmless in this state (e.g. in flight while stopping). */
    IGNORE,
    /** Illegal while established: a local termination, Stop-Control-Connection-Request first (3.1.1). */
    STOP,
    /** Illegal before establishment: close the transport at once. */
    CLOSE
}
