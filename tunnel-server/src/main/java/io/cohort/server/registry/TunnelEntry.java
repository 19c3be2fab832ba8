package io.cohort.server.registry;

import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The live row of one tunnel. The protocol wiring (on the tunnel's event loop) updates it;
 * status readers on other threads see the latest values.
 */
public final class TunnelEntry {
    private final TunnelKey key;
    private final InetSocketAddress peer;
    private final Instant upSince;
    private final TrafficCounters traffic = new TrafficCounters();
    private final Set<SessionKey> sessions = ConcurrentHashMap.newKeySet();
    private volatile int peerId;
    private volatile TunnelState state = TunnelState.ESTABLISHING;

    TunnelEntry(TunnelKey key, int peerId, InetSocketAddress peer, Instant upSince) {
        this.key = Objects.requireNonNull(key);
        this.peerId = peerId;
        this.peer = Objects.requireNonNull(peer);
        this.upSince = Objects.requireNonNull(upSince);
    }

    public TunnelKey key() {
        return key;
    }

    public InetSocketAddress peer() {
        return peer;
    }

    public void peerId(int id) {
        this.peerId = id;
    }

    public void state(TunnelState newState) {
        this.state = Objects.requireNonNull(newState);
    }

    public TunnelState state() {
        return state;
    }

    /** The tunnel's control and data traffic with its peer. */
    public TrafficCounters traffic() {
        return traffic;
    }

    Set<SessionKey> sessionKeys() {
        return sessions;
    }

    public TunnelStatus status() {
        return new TunnelStatus(key, peerId, peer, state, upSince, sessions.size(), traffic.snapshot());
    }
}
