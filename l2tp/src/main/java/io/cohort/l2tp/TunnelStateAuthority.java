package io.cohort.l2tp;

/**
 * Whether a tunnel unknown to this node has no state anywhere else either, so that a packet for it
 * may be answered with a StopCCN ({@link UnknownTunnelAnswers}). A lone server holds every tunnel
 * it ever had ({@link #ALWAYS}); a cluster member holds every tunnel of a work unit only while it
 * serves that unit (lease valid, its replicas rebuilt): during a takeover, under fencing, or for
 * another member's unit the tunnel may well live elsewhere, and such a packet is never answered.
 */
@FunctionalInterface
public interface TunnelStateAuthority {
    /** A node that is the only place tunnels of its endpoint can live. */
    TunnelStateAuthority ALWAYS = localTunnelId -> true;

    /** Whether this node would hold the tunnel with our Tunnel ID {@code localTunnelId}, 1 to 65535, if it existed. */
    boolean holdsAnyStateOf(int localTunnelId);
}
