package io.cohort.l2tp.session;

/** Which end of an incoming call this session is (RFC 2661 7.4). */
public enum SessionRole {
    /** The L2TP Access Concentrator: it places the call (sends ICRQ). */
    LAC,
    /** The L2TP Network Server: it answers the call (sends ICRP). */
    LNS
}
