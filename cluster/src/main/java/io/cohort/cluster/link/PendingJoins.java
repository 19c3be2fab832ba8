package io.cohort.cluster.link;

import io.cohort.cluster.member.MemberId;
import io.cohort.cluster.message.JoinRequest;
import io.cohort.cluster.secure.MasterHandshake;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The master's join handshakes, a few per joiner name (a name is certificate-backed: only an
 * offer whose certificate verified gets here), told apart by their offer. A join request goes to the cluster node only once its
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

    /** Handshakes kept per joiner: a retransmitted older offer must not push out the one being finished. */
    static final int PER_JOINER = 4;

    private final long lifetimeNanos;
    private final Map<MemberId, Deque<Pending>> byJoiner = new HashMap<>();

    PendingJoins(Duration lifetime) {
        this.lifetimeNanos = lifetime.toNanos();
    }

    /** The handshake of this very offer from {@code joiner}, if one is under way or finished. */
    Optional<Pending> sameOffer(MemberId joiner, byte[] offer, long nowNanos) {
        expire(nowNanos);
        return handshakes(joiner).stream().filter(p -> Arrays.equals(p.offer, offer)).findFirst();
    }

    void put(MemberId joiner, Pending pending) {
        Deque<Pending> list = byJoiner.computeIfAbsent(joiner, j -> new ArrayDeque<>());
        list.addLast(pending);
        while (list.size() > PER_JOINER) {
            list.removeFirst();
        }
    }

    /** The unfinished handshake of {@code joiner} whose offer ends with {@code offerTag}. */
    Optional<Pending> awaitingFinish(MemberId joiner, byte[] offerTag, long nowNanos) {
        expire(nowNanos);
        return handshakes(joiner).stream().filter(p -> !p.finished && Arrays.equals(JoinExchange.offerTag(p.offer), offerTag))
                .findFirst();
    }

    /** Forgets one handshake (its finish failed). */
    void forget(MemberId joiner, Pending pending) {
        Deque<Pending> list = byJoiner.get(joiner);
        if (list != null) {
            list.remove(pending);
            if (list.isEmpty()) {
                byJoiner.remove(joiner);
            }
        }
    }

    void forget(MemberId joiner) {
        byJoiner.remove(joiner);
    }

    void clear() {
        byJoiner.clear();
    }

    private Deque<Pending> handshakes(MemberId joiner) {
        return byJoiner.getOrDefault(joiner, new ArrayDeque<>());
    }

    private void expire(long nowNanos) {
        byJoiner.values().forEach(list -> list.removeIf(p -> nowNanos - p.startedNanos > lifetimeNanos));
        byJoiner.values().removeIf(Deque::isEmpty);
    }
}
