/**
 * The PPTP server runtime (RFC 2637): the Netty TCP control listener
 * ({@link io.cohort.server.pptp.ControlListener}), one {@link io.cohort.server.pptp.PptpConnection}
 * per control connection, the raw GRE socket ({@link io.cohort.server.pptp.GreEndpoint}) and the
 * calls ⇄ PPP wiring with GRE demultiplexing ({@link io.cohort.server.pptp.PptpCallWiring},
 * {@link io.cohort.server.pptp.GreCall}). Failover (patent, figure 7): what is published when
 * ({@link io.cohort.server.pptp.ConnectionReplication}, {@link io.cohort.server.pptp.PptpStatePublication},
 * {@link io.cohort.server.pptp.PptpStateKeys}), the TCP connection under a control connection
 * ({@link io.cohort.server.pptp.ControlSocketRepair}), and the takeover and hand-over of work units
 * ({@link io.cohort.server.pptp.PptpTakeover}, {@link io.cohort.server.pptp.ReplicatedConnections}).
 * Runs on the shared engine loop; no locks.
 */
package io.cohort.server.pptp;
