/**
 * The L2TP LNS runtime: the Netty UDP adapter ({@link io.cohort.server.l2tp.UdpEndpoint}), the
 * L2TP ⇄ PPP wiring ({@link io.cohort.server.l2tp.L2tpSessionWiring}, on the shared
 * {@link io.cohort.server.sessions.PppSession}) and the mapping of {@code [l2tp]} and
 * {@code [limits]} to the engine's configuration ({@link io.cohort.server.l2tp.EngineConfiguration}).
 * The TUN, the data path and the users are shared with PPTP ({@link io.cohort.server.dataplane}).
 * One event loop thread owns every engine; no locks.
 */
package io.cohort.server.l2tp;
