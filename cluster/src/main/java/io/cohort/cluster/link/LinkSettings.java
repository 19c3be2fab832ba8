package io.cohort.cluster.link;

import java.time.Duration;

/**
 * The constants of a {@link SecureLink}.
 *
 * @param beaconPeriod how often the master also broadcasts its keepalive signed rather than
 *     sealed, so that nodes without its group key (joiners, another partition's master) learn it
 *     exists: the tie-breaker of figure 8A needs to see a rival master's keepalive
 * @param maxClockSkew how far a signed datagram's stamp may be from our clock ({@link SignedStamps})
 * @param verificationsPerSecond public-key checks a second, at most, for datagrams from anyone
 *     ({@link VerificationBudget})
 * @param pendingJoinLifetime how long the master keeps an answered join handshake waiting for
 *     its finish
 * @param configurationRetry how often a configuration request is repeated until answered
 * @param configurationAttempts how many times it is sent before the fetch fails
 */
public record LinkSettings(Duration beaconPeriod, Duration maxClockSkew, int verificationsPerSecond,
                           Duration pendingJoinLifetime, Duration configurationRetry, int configurationAttempts) {
    public LinkSettings {
        for (Duration d : new Duration[] {beaconPeriod, maxClockSkew, pendingJoinLifetime, configurationRetry}) {
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException("link durations must be positive: " + d);
            }
        }
        if (verificationsPerSecond < 1 || configurationAttempts < 1) {
            throw new IllegalArgumentException("verifications per second and configuration attempts must be positive");
        }
    }

    /** A beacon every 250 ms, 30 s of clock skew, 200 verifications a second, 20 configuration requests 250 ms apart. */
    public static LinkSettings defaults() {
        return new LinkSettings(Duration.ofMillis(250), Duration.ofSeconds(30), 200, Duration.ofSeconds(10),
                Duration.ofMillis(250), 20);
    }
}
