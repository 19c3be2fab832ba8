package io.cohort.cluster.link;

import io.cohort.cluster.member.MemberId;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The replay guard of signed datagrams ({@link io.cohort.cluster.secure.SignedDatagram}), which
 * travel before any session exists: each carries its sender's wall-clock stamp in microseconds,
 * strictly increasing per sender. A receiver accepts a stamp only if it is newer than the last one
 * it took from that sender and within {@code maxSkew} of its own clock, so a recorded datagram
 * cannot be played back later, nor to a member that restarted and forgot the sender, once the
 * skew has passed. Members' clocks must agree within {@code maxSkew} (NTP on the cluster LAN).
 */
final class SignedStamps {
    enum Verdict { FRESH, REPLAYED, SKEWED }

    private static final int REMEMBERED_SENDERS = 1024;

    private final InstantSource wallClock;
    private final long maxSkewMicros;
    private long lastIssued;
    private final Map<MemberId, Long> lastSeen = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<MemberId, Long> eldest) {
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
        Long last = lastSeen.get(sender);
        if (last != null && stamp <= last) {
            return Verdict.REPLAYED;
        }
        lastSeen.put(sender, stamp);
        return Verdict.FRESH;
    }

    private long now() {
        Instant t = wallClock.instant();
        return ChronoUnit.MICROS.between(Instant.EPOCH, t);
    }
}
