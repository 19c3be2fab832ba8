/**
 * The L2TP LNS runtime: the Netty UDP adapter ({@link io.cohort.server.l2tp.UdpEndpoint}), the
 * L2TP ⇄ PPP wiring ({@link io.cohort.server.l2tp.L2tpSessionWiring}, on the shared
 * {@link io.cohort.server.sessions.PppSession}) and the mapping of {@code [l2tp]} and
 * {@code [limits]} to the engine's configuration ({@link io.cohort.server.l2tp.EngineConfiguration}).
 * The TUN, the data path and the users are shared with PPTP ({@link io.cohort.server.dataplane}).
 * Stateful failover (patent, figure 7): tunnels and sessions are published under their work unit
 * ({@link io.cohort.server.l2tp.L2tpStatePublication}, keys {@link io.cohort.server.l2tp.L2tpStateKeys})
 * and rebuilt by the member that takes the unit over ({@link io.cohort.server.l2tp.L2tpTakeover}).
 * One event loop thread owns every engine; no locks.
 */
package io.cohort.server.l2tp;
