package io.cohort.server.registry;

/** A session's state as operators see it, whatever the protocol; PPP phases after the call is up. */
public enum SessionState {
    /** Call being set up (L2TP: ICRQ received, waiting for ICCN). */
    ESTABLISHING,
    /** PPP link establishment and authentication (LCP, PAP/CHAP/MS-CHAPv2). */
    AUTHENTICATING,
    /** PPP network phase: IPCP/IPV6CP negotiating. */
    NETWORK,
    /** The user's traffic flows. */
    UP,
    /** Being torn down. */
    CLOSING
}
