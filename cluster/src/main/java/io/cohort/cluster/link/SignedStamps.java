package io.cohort.cluster.link;

import io.cohort.cluster.member.MemberId;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.NavigableSet;
import java.util.TreeSet;

/**
 * The replay guard of signed datagrams ({@link io.cohort.cluster.secure.SignedDatagram}), which
 * travel before any session exists: each carries its sender's wall-clock stamp in microseconds,
 * strictly increasing per sender. A receiver accepts a stamp only if it is newer than the last one
 * it took from that sender and within {@code maxSkew} of its own clock, so a recorded datagram
 * cannot be played back later, nor to a member that restarted and forgot the sender, once the
 * skew has passed. Members' clocks must agree within {@code maxSkew} (NTP on the cluster LAN).
 *
 * <p>Datagrams of one sender may arrive slightly out of order (a member reads its unicast and its
 * multicast socket in either order), so a stamp up to {@link #REORDER_WINDOW_MICROS} older than
 * the newest taken from that sender is still accepted once: the stamps taken within that window
 * are remembered, anything older is refused.
 */
final class SignedStamps {
    enum Verdict { FRESH, REPLAYED, SKEWED }

    private static final int REMEMBERED_SENDERS = 1024;
    static final long REORDER_WINDOW_MICROS = 2_000_000;

    private final InstantSource wallClock;
    private final long maxSkewMicros;
    private long lastIssued;
    private final Map<MemberId, NavigableSet<Long>> taken = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<MemberId, NavigableSet<Long>> eldest) {
            return size() > REMEMBERED_SENDERS;
        }
    };

    SignedStamps(InstantSource wallClock, Duration maxSkew) {
        this.wallClock = wallClock;
        this.maxSkewMicros = maxSkew.toNanos() / 1000;
    }

    /** A stamp for our next signed datagram. */
    long next() {
        lastIssued = Math.max(now(), lastIssued + 1);
        return lastIssued;
    }

    Verdict accept(MemberId sender, long stamp) {
        if (Math.abs(stamp - now()) > maxSkewMicros) {
            return Verdict.SKEWED;
        }
        NavigableSet<Long> stamps = taken.computeIfAbsent(sender, s -> new TreeSet<>());
        long floor = stamps.isEmpty() ? Long.MIN_VALUE : stamps.last() - REORDER_WINDOW_MICROS;
        if (stamp <= floor || !stamps.add(stamp)) {
            return Verdict.REPLAYED;
        }
        stamps.headSet(stamps.last() - REORDER_WINDOW_MICROS, true).clear();
        return Verdict.FRESH;
    }

    private long now() {
        Instant t = wallClock.instant();
        return ChronoUnit.MICROS.between(Instant.EPOCH, t);
    }
}
