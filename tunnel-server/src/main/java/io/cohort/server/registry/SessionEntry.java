package io.cohort.server.registry;

import java.net.Inet4Address;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The live row of one session. The protocol wiring (on the session's event loop) updates it;
 * status readers on other threads see the latest values.
 */
public final class SessionEntry {
    private final SessionKey key;
    private final Instant upSince;
    private final TrafficCounters traffic = new TrafficCounters();
    private volatile int peerId;
    private volatile String user;
    private volatile Inet4Address address;
    private volatile SessionState state = SessionState.ESTABLISHING;

    SessionEntry(SessionKey key, int peerId, Instant upSince) {
        this.key = Objects.requireNonNull(key);
        this.peerId = peerId;
        this.upSince = Objects.requireNonNull(upSince);
    }

    public SessionKey key() {
        return key;
    }

    public void peerId(int id) {
        this.peerId = id;
    }

    /** The authenticated user name. */
    public void user(String name) {
        this.user = Objects.requireNonNull(name);
    }

    /** The address IPCP assigned; {@link Optional#empty()} when it was given back. */
    public void address(Optional<Inet4Address> assigned) {
        this.address = assigned.orElse(null);
    }

    public void state(SessionState newState) {
        this.state = Objects.requireNonNull(newState);
    }

    public SessionState state() {
        return state;
    }

    /** The user's packets (PPP frames) with the peer. */
    public TrafficCounters traffic() {
        return traffic;
    }

    public SessionStatus status() {
        return new SessionStatus(key, peerId, Optional.ofNullable(user), Optional.ofNullable(address), state, upSince,
                traffic.snapshot());
    }
}
