package io.cohort.l2tp.session;

/** Incoming-call states of RFC 2661 7.4.1 (LAC) and 7.4.2 (LNS). */
public enum SessionState {
    /** LAC: the call waits for its tunnel to be established before ICRQ is sent. */
    IDLE,
    /** LAC: ICRQ sent, waiting for ICRP ("wait-reply"). */
    WAIT_REPLY,
    /** LNS: ICRP sent, waiting for ICCN ("wait-connect"). */
    WAIT_CONNECT,
    /** The call is up; data flows. */
    ESTABLISHED,
    /** Cleared by a CDN in either direction or by the tunnel going down. */
    CLOSED
}
