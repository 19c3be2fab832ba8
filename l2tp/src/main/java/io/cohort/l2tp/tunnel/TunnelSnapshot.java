package io.cohort.l2tp.tunnel;

import io.cohort.l2tp.control.ChannelSnapshot;
import java.net.InetSocketAddress;

/**
 * A tunnel as operators see it. <b>Initial</b> (set once during set-up): {@code role},
 * {@code peer}, both tunnel IDs, {@code peerHostName}. <b>Essential</b>: {@code state} and the
 * channel's Ns/Nr inside {@code control}. <b>Calculable</b>: the rest of {@code control} (cwnd,
 * counters) and {@code sessions}. For status display; what a takeover needs is
 * {@link L2tpTunnelState}.
 */
public record TunnelSnapshot(int localTunnelId, int peerTunnelId, InetSocketAddress peer, TunnelRole role,
        TunnelState state, String peerHostName, int sessions, ChannelSnapshot control) {
}
