package io.cohort.l2tp.tunnel;

import java.net.InetSocketAddress;
import java.util.Objects;

/**
 * The initial state of one control connection (RFC 2661 7.2.1; patent figure 7, initial portion
 * 702): learnt while the tunnel is set up and fixed from then on, so sent once. A LAC learns the
 * peer's fields from the SCCRP; until then they are 0, empty and the default window, and the
 * record is sent again when the tunnel is established.
 *
 * <p>The tunnel settings (host name, secret, HELLO interval, retransmission tunables) are
 * configuration, the same on every member, and are not part of the state.
 *
 * @param localTunnelId our Tunnel ID: the peer addresses everything to it
 * @param peerTunnelId the peer's Assigned Tunnel ID (4.4.3), in the header of everything we send
 * @param peer the peer's UDP address and port
 * @param role whether we opened the tunnel (LAC) or accepted it (LNS)
 * @param peerHostName the peer's Host Name AVP (4.4.3)
 * @param peerReceiveWindow the peer's Receive Window Size (4.4.3; 4 if it sent none, 5.8)
 */
public record L2tpTunnelInitialState(int localTunnelId, int peerTunnelId, InetSocketAddress peer, TunnelRole role,
        String peerHostName, int peerReceiveWindow) {

    public L2tpTunnelInitialState {
        Objects.requireNonNull(peer, "peer");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(peerHostName, "peerHostName");
        if (localTunnelId <= 0 || localTunnelId > 0xFFFF) {
            throw new IllegalArgumentException("tunnel ID must be in 1..65535: " + localTunnelId);
        }
        if (peerTunnelId < 0 || peerTunnelId > 0xFFFF) {
            throw new IllegalArgumentException("peer tunnel ID must be in 0..65535: " + peerTunnelId);
        }
        if (peerReceiveWindow < 1 || peerReceiveWindow > 0xFFFF) {
            throw new IllegalArgumentException("receive window must be in 1..65535: " + peerReceiveWindow);
        }
    }
}
