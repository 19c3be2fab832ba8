/**
 * CCP, the PPP Compression Control Protocol (RFC 1962), as far as Cohort uses it: negotiating
 * MPPE (RFC 3078 section 2) through the shared option automaton, and the Reset-Request/Reset-Ack
 * codes. {@link io.cohort.ppp.ccp.MppeLayer} puts {@link io.cohort.ppp.ccp.CcpNegotiator},
 * {@link io.cohort.ppp.ccp.CcpResetCodes} and the {@code io.cohort.ppp.mppe} ciphers together for
 * one link; a {@code PppLink} whose {@link io.cohort.ppp.ccp.EncryptionPolicy} requires MPPE owns one.
 */
package io.cohort.ppp.ccp;
