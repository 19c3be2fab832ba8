package io.cohort.server.registry;

import java.net.InetSocketAddress;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Every tunnel and session of this server as protocol-agnostic rows, for operators.
 *
 * <p>Thread-safe: rows are added, updated and removed by the event loops that own the tunnels
 * (one tunnel and its sessions are only ever touched by one thread), and read as snapshots by the
 * control socket. Lookups are hash lookups; snapshots cost O(rows), which is fine for status at
 * 10,000+ sessions. One instance per server (never static).
 */
public final class SessionRegistry {
    private final InstantSource clock;
    private final ConcurrentMap<TunnelKey, TunnelEntry> tunnels = new ConcurrentHashMap<>();
    private final ConcurrentMap<SessionKey, SessionEntry> sessions = new ConcurrentHashMap<>();

    /** {@code clock} stamps each row's "up since". */
    public SessionRegistry(InstantSource clock) {
        this.clock = Objects.requireNonNull(clock);
    }

    /** A new tunnel row in state ESTABLISHING; its key must not be registered already. */
    public TunnelEntry addTunnel(TunnelKey key, int peerId, InetSocketAddress peer) {
        TunnelEntry entry = new TunnelEntry(key, peerId, peer, clock.instant());
        if (tunnels.putIfAbsent(key, entry) != null) {
            throw new IllegalStateException("tunnel " + key + " is already registered");
        }
        return entry;
    }

    public Optional<TunnelEntry> tunnel(TunnelKey key) {
        return Optional.ofNullable(tunnels.get(key));
    }

    /** Removes a tunnel and all its sessions; harmless if it is not registered. */
    public void removeTunnel(TunnelKey key) {
        TunnelEntry entry = tunnels.remove(key);
        if (entry != null) {
            entry.sessionKeys().forEach(sessions::remove);
        }
    }

    /** A new session row in state ESTABLISHING, in a registered tunnel; its key must be new. */
    public SessionEntry addSession(SessionKey key, int peerId) {
        TunnelEntry tunnel = tunnels.get(key.tunnel());
        if (tunnel == null) {
            throw new IllegalStateException("session " + key + " in unregistered tunnel " + key.tunnel());
        }
        SessionEntry entry = new SessionEntry(key, peerId, clock.instant());
        if (sessions.putIfAbsent(key, entry) != null) {
            throw new IllegalStateException("session " + key + " is already registered");
        }
        tunnel.sessionKeys().add(key);
        return entry;
    }

    public Optional<SessionEntry> session(SessionKey key) {
        return Optional.ofNullable(sessions.get(key));
    }

    /** Removes a session; harmless if it is not registered. */
    public void removeSession(SessionKey key) {
        if (sessions.remove(key) != null) {
            TunnelEntry tunnel = tunnels.get(key.tunnel());
            if (tunnel != null) {
                tunnel.sessionKeys().remove(key);
            }
        }
    }

    public int tunnelCount() {
        return tunnels.size();
    }

    public int sessionCount() {
        return sessions.size();
    }

    /** Every tunnel's row now, ordered by key. */
    public List<TunnelStatus> tunnels() {
        List<TunnelStatus> out = new ArrayList<>(tunnels.size());
        tunnels.values().forEach(t -> out.add(t.status()));
        out.sort((a, b) -> a.key().compareTo(b.key()));
        return out;
    }

    /** Every session's row now, ordered by key. */
    public List<SessionStatus> sessions() {
        List<SessionStatus> out = new ArrayList<>(sessions.size());
        sessions.values().forEach(s -> out.add(s.status()));
        out.sort((a, b) -> a.key().compareTo(b.key()));
        return out;
    }
}
