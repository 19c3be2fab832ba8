/**
 * The PPTP server runtime (RFC 2637): the Netty TCP control listener
 * ({@link io.cohort.server.pptp.ControlListener}), one {@link io.cohort.server.pptp.PptpConnection}
 * per control connection, the raw GRE socket ({@link io.cohort.server.pptp.GreEndpoint}) and the
 * calls ⇄ PPP wiring with GRE demultiplexing ({@link io.cohort.server.pptp.PptpCallWiring},
 * {@link io.cohort.server.pptp.GreCall}). Runs on the shared engine loop; no locks.
 */
package io.cohort.server.pptp;
