package io.cohort.l2tp;

/**
 * Admission limits of one node. A refused tunnel gets StopCCN result 2 with error 4
 * (insufficient resources); a refused call gets CDN result 4 (temporary lack of facilities).
 */
public record L2tpLimits(int maxTunnels, int maxTunnelsPerPeerAddress, int maxSessions, int maxSessionsPerTunnel) {

    public L2tpLimits {
        if (maxTunnels < 1 || maxTunnelsPerPeerAddress < 1 || maxSessions < 1 || maxSessionsPerTunnel < 1) {
            throw new IllegalArgumentException("limits must be positive");
        }
        if (maxTunnels > 0xFFFF || maxSessionsPerTunnel > 0xFFFF) {
            throw new IllegalArgumentException("IDs are 16 bits: at most 65535 tunnels and sessions per tunnel");
        }
    }

    /** Generous defaults: 20 000 tunnels, 1 000 per peer address, 20 000 sessions, 1 000 per tunnel. */
    public static L2tpLimits defaults() {
        return new L2tpLimits(20_000, 1_000, 20_000, 1_000);
    }
}
