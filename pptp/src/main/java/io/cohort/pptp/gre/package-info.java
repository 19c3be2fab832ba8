/**
 * PPTP's data path (RFC 2637 section 4): the enhanced GRE header codec and
 * {@link io.cohort.pptp.gre.GreChannel}, the sans-I/O sequencing, acknowledgment and sliding
 * window engine of one call. No sockets: a raw-socket adapter feeds it later.
 */
package io.cohort.pptp.gre;
