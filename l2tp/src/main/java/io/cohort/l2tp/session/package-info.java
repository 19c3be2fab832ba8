/**
 * L2TP sessions (calls) inside a tunnel: the incoming-call state machines of RFC 2661 7.4.1
 * (LAC: ICRQ, ICRP, ICCN) and 7.4.2 (LNS), Call-Disconnect-Notify in both directions, and the
 * per-session data path with optional data-channel sequence numbers (5.4).
 *
 * <p>A call snapshots to, and is rebuilt from, {@link io.cohort.l2tp.session.L2tpSessionState}
 * (patent figure 7).
 *
 * <p>A session reaches its tunnel only through {@link io.cohort.l2tp.session.SessionLink}. Must
 * not depend on the tunnel or node packages, on {@code ppp} (PPP frames are opaque bytes), on
 * sockets or threads.
 */
package io.cohort.l2tp.session;
