package io.cohort.l2tp.tunnel;

/** Which end of the control connection we are (RFC 2661 7.2.1). */
public enum TunnelRole {
    /** We sent the SCCRQ (the L2TP Access Concentrator). */
    LAC,
    /** We answered the SCCRQ (the L2TP Network Server). */
    LNS
}
