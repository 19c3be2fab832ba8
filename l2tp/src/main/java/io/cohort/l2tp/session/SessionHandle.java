package io.cohort.l2tp.session;

/** What callers outside the L2TP engine may see of a session. */
public interface SessionHandle {
    /** Our tunnel ID (the one the peer puts in headers). */
    int localTunnelId();

    /** Our Session ID, unique within the tunnel, non-zero. */
    int localSessionId();

    /** The peer's Session ID, 0 until it told us (ICRP for a LAC). */
    int peerSessionId();

    SessionRole role();

    SessionState state();
}
