package io.cohort.server.config;

import java.net.InetAddress;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code [l2tp]}; {@code secret} prints as {@code Secret[set]}, never its value.
 *
 * @param helloInterval silence on a tunnel's control channel before a HELLO (RFC 2661 6.5); empty:
 *                      no HELLOs ({@code hello-interval = 0s})
 */
public record L2tpSection(InetAddress listen, int port, Secret secret, boolean hideAvps, int receiveWindow,
                          Duration retransmitInitial, Duration retransmitMax, int retransmitAttempts,
                          Optional<Duration> helloInterval) {
    public L2tpSection {
        Objects.requireNonNull(listen);
        Objects.requireNonNull(secret);
        Objects.requireNonNull(retransmitInitial);
        Objects.requireNonNull(retransmitMax);
        Objects.requireNonNull(helloInterval);
    }
}

