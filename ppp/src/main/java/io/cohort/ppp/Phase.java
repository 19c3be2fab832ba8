package io.cohort.ppp;

/** Link phases (RFC 1661 section 3.2). */
public enum Phase { DEAD, ESTABLISH, AUTHENTICATE, NETWORK, TERMINATE }
