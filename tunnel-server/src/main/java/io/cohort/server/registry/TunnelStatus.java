package io.cohort.server.registry;

import java.net.InetSocketAddress;
import java.time.Instant;

/** A tunnel row at one moment, for status output. {@code peerId} is 0 until the peer gave one. */
public record TunnelStatus(TunnelKey key, int peerId, InetSocketAddress peer, TunnelState state, Instant upSince,
                           int sessions, Traffic traffic) {
}
