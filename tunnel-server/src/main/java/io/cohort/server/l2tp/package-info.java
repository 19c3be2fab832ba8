/**
 * The L2TP LNS runtime: the Netty UDP adapter ({@link io.cohort.server.l2tp.UdpEndpoint}), the
 * L2TP ⇄ PPP wiring ({@link io.cohort.server.l2tp.L2tpSessionWiring},
 * {@link io.cohort.server.l2tp.PppSession}), the IPv4 data path between sessions and the TUN
 * device ({@link io.cohort.server.l2tp.Ipv4Dispatcher}, {@link io.cohort.server.l2tp.TunInterface}),
 * the mapping of the typed configuration to engine configuration
 * ({@link io.cohort.server.l2tp.EngineConfiguration}) and the users
 * ({@link io.cohort.server.l2tp.ServerUsers}). One event loop thread owns every engine; no locks.
 */
package io.cohort.server.l2tp;
