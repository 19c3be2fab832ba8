/**
 * The hash and cipher algorithms of CHAP-MD5 (RFC 1994) and MS-CHAPv2 (RFC 2759 section 8), and
 * the MPPE master key of RFC 3079 section 3.4, on Bouncy Castle's primitives. Pure functions,
 * no state. Results are secrets: never log them. Depends only on Bouncy Castle and the JDK.
 */
package io.cohort.ppp.crypto;
