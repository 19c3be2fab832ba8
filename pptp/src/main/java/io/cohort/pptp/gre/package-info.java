/**
 * PPTP's data path (RFC 2637 section 4): the enhanced GRE header codec and
 * {@link io.cohort.pptp.gre.GreChannel}, the sans-I/O sequencing, acknowledgment and sliding window
 * engine of one call, whose state is {@link io.cohort.pptp.gre.GreChannelInitialState} and
 * {@link io.cohort.pptp.gre.GreChannelEssentialState} (the patent's figure 7). No sockets: the server's raw GRE socket and the client's transport feed it.
 */
package io.cohort.pptp.gre;
