package io.cohort.pptp.gre;

import java.time.Duration;

/**
 * The adaptive acknowledgment time-out of RFC 2637 section 4.4: an RTT estimate seeded with the
 * peer's Packet Processing Delay, a mean deviation, and ATO = max(MinTimeOut, min(RTT + chi*DEV,
 * MaxTimeOut)) with the suggested gains alpha = 1/8, beta = 1/4, chi = 4 (4.4.1), and RTT doubled
 * on each time-out (delta = 2, 4.4.2). Values in nanoseconds; the
 * estimate is carried lazily in {@link GreChannelEssentialState}.
 */
final class AdaptiveTimeout {
    private final long minNanos;
    private final long maxNanos;
    private long rtt;
    private long dev;

    AdaptiveTimeout(Duration packetProcessingDelay, Duration min, Duration max) {
        this(packetProcessingDelay, Duration.ZERO, min, max); // 4.4: "Initially, it is set to PPD"
    }

    /** An estimate resumed from {@code roundTripTime} and its {@code deviation}, e.g. on a new owner. */
    AdaptiveTimeout(Duration roundTripTime, Duration deviation, Duration min, Duration max) {
        this.minNanos = min.toNanos();
        this.maxNanos = max.toNanos();
        this.rtt = roundTripTime.toNanos();
        this.dev = deviation.toNanos();
    }

    /** The RTT estimate. */
    Duration roundTripTime() {
        return Duration.ofNanos(rtt);
    }

    /** Its mean deviation. */
    Duration deviation() {
        return Duration.ofNanos(dev);
    }

    /** 4.4.1: an acknowledgment arrived {@code sampleNanos} after its packet was sent. */
    void sample(long sampleNanos) {
        long diff = sampleNanos - rtt;
        dev += (Math.abs(diff) - dev) / 4;
        rtt += diff / 8;
    }

    /** 4.4.2: a time-out occurred. */
    void backOff() {
        rtt = Math.min(rtt * 2, maxNanos);
    }

    /** The current ATO. */
    Duration timeout() {
        return Duration.ofNanos(Math.max(minNanos, Math.min(rtt + 4 * dev, maxNanos)));
    }
}
