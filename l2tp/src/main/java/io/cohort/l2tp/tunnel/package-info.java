/**
 * L2TP tunnels (control connections): the state machine of RFC 2661 7.2 for the LNS (answers
 * SCCRQ) and the LAC (sends SCCRQ), tunnel authentication (5.1.1), AVP hiding policy (4.3),
 * HELLO keepalives (6.5), StopCCN and the teardown holdover (5.7), and the routing of session
 * messages to the tunnel's {@link io.cohort.l2tp.session.Session}s.
 *
 * <p>A tunnel snapshots to, and is rebuilt from, {@link io.cohort.l2tp.tunnel.L2tpTunnelState}:
 * its initial and essential state (patent figure 7) and its calls'.
 * {@link io.cohort.l2tp.tunnel.L2tpStateCodec} puts those records on the wire between members.
 *
 * <p>Depends on {@code wire}, {@code control} and {@code session}; must not depend on the node
 * package {@code io.cohort.l2tp}, on {@code ppp}, on sockets or threads.
 */
package io.cohort.l2tp.tunnel;
