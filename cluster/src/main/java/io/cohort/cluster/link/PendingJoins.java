package io.cohort.cluster.link;

import io.cohort.cluster.member.MemberId;
import io.cohort.cluster.message.JoinRequest;
import io.cohort.cluster.secure.MasterHandshake;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The master's join handshakes, one per joiner name (a name is certificate-backed: only an offer
 * whose certificate verified gets here). A join request goes to the cluster node only once its
 * handshake finished; retransmissions of the same offer are then passed on as they come (the node
 * answers each), and before that they repeat our answer, which may have been lost.
 */
final class PendingJoins {
    /** One joiner's handshake and the request it came with. */
    static final class Pending {
        final byte[] offer;
        final MasterHandshake handshake;
        final JoinRequest request;
        final long startedNanos;
        boolean finished;

        Pending(byte[] offer, MasterHandshake handshake, JoinRequest request, long startedNanos) {
            this.offer = offer.clone();
            this.handshake = handshake;
            this.request = request;
            this.startedNanos = startedNanos;
        }
    }

    private final long lifetimeNanos;
    private final Map<MemberId, Pending> byJoiner = new HashMap<>();

    PendingJoins(Duration lifetime) {
        this.lifetimeNanos = lifetime.toNanos();
    }

    /** The handshake of this very offer from {@code joiner}, if one is under way or finished. */
    Optional<Pending> sameOffer(MemberId joiner, byte[] offer, long nowNanos) {
        expire(nowNanos);
        Pending p = byJoiner.get(joiner);
        return p != null && Arrays.equals(p.offer, offer) ? Optional.of(p) : Optional.empty();
    }

    void put(MemberId joiner, Pending pending) {
        byJoiner.put(joiner, pending);
    }

    Optional<Pending> awaitingFinish(MemberId joiner, long nowNanos) {
        expire(nowNanos);
        Pending p = byJoiner.get(joiner);
        return p != null && !p.finished ? Optional.of(p) : Optional.empty();
    }

    void forget(MemberId joiner) {
        byJoiner.remove(joiner);
    }

    void clear() {
        byJoiner.clear();
    }

    private void expire(long nowNanos) {
        byJoiner.values().removeIf(p -> nowNanos - p.startedNanos > lifetimeNanos);
    }
}
