package io.cohort.cluster.link;

import io.cohort.time.Clock;

/**
 * A token bucket over the public-key work a datagram can make us do (certificate and signature
 * checks, key agreement): anyone on the cluster network can send a signed datagram or a join for
 * free, so beyond {@code perSecond} (with a burst of as many) they are dropped unchecked.
 */
final class VerificationBudget {
    private final Clock clock;
    private final double perSecond;
    private double tokens;
    private long last;

    VerificationBudget(Clock clock, int perSecond) {
        if (perSecond < 1) {
            throw new IllegalArgumentException("verification budget must be positive: " + perSecond);
        }
        this.clock = clock;
        this.perSecond = perSecond;
        this.tokens = perSecond;
        this.last = clock.nanos();
    }

    boolean tryTake() {
        long now = clock.nanos();
        tokens = Math.min(perSecond, tokens + (now - last) * perSecond / 1e9);
        last = now;
        if (tokens < 1) {
            return false;
        }
        tokens -= 1;
        return true;
    }
}
