package io.cohort.l2tp.tunnel;

import java.net.InetSocketAddress;

/** What callers outside the L2TP engine may see of a tunnel. */
public interface TunnelHandle {
    /** Our Tunnel ID: the one the peer writes into headers. Non-zero. */
    int localTunnelId();

    /** The peer's Tunnel ID, 0 until its SCCRQ/SCCRP told us. */
    int peerTunnelId();

    InetSocketAddress peer();

    TunnelRole role();

    TunnelState state();

    /** The peer's Host Name AVP, empty until received. */
    String peerHostName();
}
