package io.cohort.pptp.gre;

import java.time.Duration;

/**
 * Tunables of a {@link GreChannel}.
 *
 * @param ackDelay          how long a received packet may wait for outgoing data to carry its
 *                          acknowledgment before an acknowledgment-only packet is sent (4.2)
 * @param minAckTimeout     MinTimeOut of 4.4.1
 * @param maxAckTimeout     MaxTimeOut of 4.4.1 ("administrator-adjustable")
 * @param enforcePeerWindow stop sending when the peer's receive window is full (4.2.1). Some
 *                          peers never acknowledge; turning this off sends regardless.
 */
public record GreChannelSettings(Duration ackDelay, Duration minAckTimeout, Duration maxAckTimeout,
        boolean enforcePeerWindow) {

    public static final GreChannelSettings DEFAULTS = new GreChannelSettings(Duration.ofMillis(100),
            Duration.ofMillis(100), Duration.ofSeconds(4), true);

    public GreChannelSettings {
        if (ackDelay.isNegative() || minAckTimeout.isNegative() || minAckTimeout.isZero()
                || maxAckTimeout.compareTo(minAckTimeout) < 0) {
            throw new IllegalArgumentException("need 0 <= ackDelay and 0 < minAckTimeout <= maxAckTimeout");
        }
    }
}
