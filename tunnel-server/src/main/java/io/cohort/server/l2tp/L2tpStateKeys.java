package io.cohort.server.l2tp;

import io.cohort.replication.StateKey;

/**
 * Where an L2TP tunnel's and its sessions' state is published within the tunnel's work unit
 * (patent, figure 7): four key spaces, parents first so that a unit's keys read back in the order
 * they are rebuilt (tunnel initial, tunnel essential, session initial, session essential). L2TP's
 * spaces are {@code 0x01xx}; other protocols publish into the same units under other spaces, which
 * L2TP's takeover skips. A tunnel's key id is our tunnel ID; a session's is our tunnel ID in bits
 * 16-31 and our session ID in bits 0-15.
 */
final class L2tpStateKeys {
    /** {@code L2tpTunnelInitialState}: sent once, when the tunnel is up. */
    static final int TUNNEL_INITIAL = 0x0100;
    /** {@code L2tpTunnelEssentialState}: Ns, Nr and unacknowledged messages, on every change. */
    static final int TUNNEL_ESSENTIAL = 0x0101;
    /** {@link SessionReplicaCodec.SessionInitial}: the call's and its PPP link's initial state, once. */
    static final int SESSION_INITIAL = 0x0102;
    /** {@link SessionReplicaCodec.SessionEssential}: call state, data Ns and MPPE counts, on change and lazily. */
    static final int SESSION_ESSENTIAL = 0x0103;

    private L2tpStateKeys() {}

    /** Whether {@code key} is one of L2TP's. */
    static boolean isL2tp(StateKey key) {
        return key.space() >= TUNNEL_INITIAL && key.space() <= SESSION_ESSENTIAL;
    }

    static StateKey tunnelInitial(int localTunnelId) {
        return new StateKey(TUNNEL_INITIAL, localTunnelId);
    }

    static StateKey tunnelEssential(int localTunnelId) {
        return new StateKey(TUNNEL_ESSENTIAL, localTunnelId);
    }

    static StateKey sessionInitial(int localTunnelId, int localSessionId) {
        return new StateKey(SESSION_INITIAL, sessionId(localTunnelId, localSessionId));
    }

    static StateKey sessionEssential(int localTunnelId, int localSessionId) {
        return new StateKey(SESSION_ESSENTIAL, sessionId(localTunnelId, localSessionId));
    }

    /** The tunnel ID of any L2TP key. */
    static int tunnelIdOf(StateKey key) {
        return key.space() <= TUNNEL_ESSENTIAL ? (int) key.id() : (int) (key.id() >>> 16);
    }

    private static long sessionId(int localTunnelId, int localSessionId) {
        return (long) localTunnelId << 16 | localSessionId;
    }
}
