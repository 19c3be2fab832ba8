package io.cohort.server.config;

import java.net.InetAddress;
import java.time.Duration;
import java.util.Objects;

/** {@code [l2tp]}; {@code secret} prints as {@code Secret[set]}, never its value. */
public record L2tpSection(InetAddress listen, int port, Secret secret, boolean hideAvps, int receiveWindow,
                          Duration retransmitInitial, Duration retransmitMax, int retransmitAttempts,
                          Duration helloInterval) {
    public L2tpSection {
        Objects.requireNonNull(listen);
        Objects.requireNonNull(secret);
        Objects.requireNonNull(retransmitInitial);
        Objects.requireNonNull(retransmitMax);
        Objects.requireNonNull(helloInterval);
    }

    /** True if HELLOs are sent (a zero interval turns them off). */
    public boolean helloEnabled() {
        return !helloInterval.isZero();
    }
}

