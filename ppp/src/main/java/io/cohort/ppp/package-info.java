/**
 * The PPP link engine ({@link io.cohort.ppp.PppLink}): phases of RFC 1661 section 3 tying LCP,
 * authentication and the NCPs together for the server and client roles. Sans-I/O: frames in
 * through {@code receive}, frames out through {@link io.cohort.ppp.PppLinkEvents#transmit}.
 * Must not depend on {@code l2tp}, sockets or threads.
 */
package io.cohort.ppp;
