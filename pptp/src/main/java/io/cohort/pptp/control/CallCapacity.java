package io.cohort.pptp.control;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The calls all control connections of one engine may hold together, shared by them on the engine
 * thread. When it is exhausted an Outgoing-Call-Request gets General Error / No-Resource
 * ("Insufficient resources to handle this command now", RFC 2637 2.8 and 2.16).
 *
 * <p>The view {@link #forPeer} gives the connections of one peer host also keeps that host's
 * Call IDs unique across its connections. Our GRE packets to a host carry only the host's
 * Call ID (4.1), so two connections from one address (clients behind one NAT, or a hostile
 * peer) that chose the same Call ID would have each other's data delivered to them; the second
 * such call is refused instead (General Error / Bad-Call ID).
 */
public final class CallCapacity {
    /** What {@link #tryAcquire} decided. */
    public enum Admission {
        ADMITTED,
        /** The engine holds {@link #max()} calls. */
        FULL,
        /** Another connection from the same host holds a call with this peer Call ID. */
        PEER_CALL_ID_IN_USE
    }

    private static final class Shared {
        private final int max;
        private int used;
        private final Map<Object, Set<Integer>> peerCallIds = new HashMap<>();

        Shared(int max) {
            this.max = max;
        }
    }

    private final Shared shared;
    private final Optional<Object> peerHost;

    public CallCapacity(int max) {
        if (max < 0) {
            throw new IllegalArgumentException("max must not be negative");
        }
        this.shared = new Shared(max);
        this.peerHost = Optional.empty();
    }

    private CallCapacity(Shared shared, Object peerHost) {
        this.shared = shared;
        this.peerHost = Optional.of(peerHost);
    }

    /**
     * The same capacity as seen by a connection from {@code peerHost} (its address), which also
     * checks that host's peer Call IDs against its other connections'.
     */
    public CallCapacity forPeer(Object peerHost) {
        return new CallCapacity(shared, Objects.requireNonNull(peerHost, "peerHost"));
    }

    /** Takes one call slot for the peer's Call ID {@code peerCallId} if one is free and the ID is. */
    public Admission tryAcquire(int peerCallId) {
        if (shared.used >= shared.max) {
            return Admission.FULL;
        }
        if (peerHost.isPresent()
                && !shared.peerCallIds.computeIfAbsent(peerHost.get(), h -> new HashSet<>()).add(peerCallId)) {
            return Admission.PEER_CALL_ID_IN_USE;
        }
        shared.used++;
        return Admission.ADMITTED;
    }

    /** Gives back the slot {@link #tryAcquire} took for {@code peerCallId}. */
    public void release(int peerCallId) {
        if (shared.used == 0) {
            throw new IllegalStateException("released more calls than were acquired");
        }
        shared.used--;
        peerHost.ifPresent(host -> {
            Set<Integer> ids = shared.peerCallIds.get(host);
            if (ids != null && ids.remove(peerCallId) && ids.isEmpty()) {
                shared.peerCallIds.remove(host);
            }
        });
    }

    public int used() {
        return shared.used;
    }

    public int max() {
        return shared.max;
    }
}
