/**
 * CCP, the PPP Compression Control Protocol (RFC 1962), as far as Cohort uses it: negotiating
 * MPPE (RFC 3078 section 2) through the shared option automaton, and the Reset-Request/Reset-Ack
 * codes. A {@code PppLink} plugs in {@link io.cohort.ppp.ccp.CcpNegotiator} and
 * {@link io.cohort.ppp.ccp.CcpResetCodes} like the LCP and IPCP ones.
 */
package io.cohort.ppp.ccp;
