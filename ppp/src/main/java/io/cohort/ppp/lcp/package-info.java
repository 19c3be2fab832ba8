/**
 * LCP (RFC 1661 sections 5 and 6): its options (MRU, ACCM, Authentication-Protocol,
 * Magic-Number with loop detection, PFC, ACFC), the extra codes (Protocol-Reject, Echo,
 * Discard) and the echo keepalive. Plugs into {@code automaton}; depends on {@code wire},
 * {@code time}; never on the link engine, NCPs, sockets or threads.
 */
package io.cohort.ppp.lcp;
