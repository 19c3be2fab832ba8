package io.cohort.l2tp.tunnel;

import io.cohort.l2tp.control.ReliableDeliveryConfig;
import io.cohort.l2tp.wire.HidingSecret;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Per-tunnel protocol settings.
 *
 * @param hostName our Host Name AVP (4.4.3)
 * @param secret the shared secret for tunnel authentication (5.1.1) and AVP hiding (4.3); when
 *     present we always challenge the peer and require a correct response
 * @param hideAvps hide every AVP that section 4.4 allows to be hidden (needs a secret)
 * @param reliability the control channel's retransmission settings and our receive window
 * @param helloInterval send a HELLO after this long without a control message from the peer (6.5);
 *     empty: never send HELLOs (a dead peer is then noticed only when a control message is lost)
 * @param requestSequencing ask for sequenced data messages (Sequencing Required AVP, 4.4.6)
 * @param tieBreaker send a Tie Breaker AVP in our SCCRQs (4.4.3)
 */
public record TunnelSettings(String hostName, Optional<HidingSecret> secret, boolean hideAvps,
        ReliableDeliveryConfig reliability, Optional<Duration> helloInterval, boolean requestSequencing, boolean tieBreaker) {

    public TunnelSettings {
        Objects.requireNonNull(hostName, "hostName");
        Objects.requireNonNull(secret, "secret");
        Objects.requireNonNull(reliability, "reliability");
        Objects.requireNonNull(helloInterval, "helloInterval");
        if (hostName.isEmpty()) {
            throw new IllegalArgumentException("hostName must not be empty (4.4.3)");
        }
        if (hideAvps && secret.isEmpty()) {
            throw new IllegalArgumentException("hiding AVPs needs a secret (4.3)");
        }
        if (helloInterval.isPresent() && !helloInterval.get().isPositive()) {
            throw new IllegalArgumentException("helloInterval must be positive (no HELLOs is an empty interval): "
                    + helloInterval.get());
        }
    }

    /** No secret, nothing hidden, RFC retransmission defaults, HELLO after 60 s. */
    public static TunnelSettings defaults(String hostName) {
        return new TunnelSettings(hostName, Optional.empty(), false, ReliableDeliveryConfig.defaults(),
                Optional.of(Duration.ofSeconds(60)), false, false);
    }

    public TunnelSettings withSecret(HidingSecret s, boolean hide) {
        return new TunnelSettings(hostName, Optional.of(s), hide, reliability, helloInterval, requestSequencing,
                tieBreaker);
    }

    public TunnelSettings withReliability(ReliableDeliveryConfig r) {
        return new TunnelSettings(hostName, secret, hideAvps, r, helloInterval, requestSequencing, tieBreaker);
    }

    /** These settings with HELLOs after {@code d} of silence, or none if empty. */
    public TunnelSettings withHelloInterval(Optional<Duration> d) {
        return new TunnelSettings(hostName, secret, hideAvps, reliability, d, requestSequencing, tieBreaker);
    }

    public TunnelSettings withRequestSequencing(boolean on) {
        return new TunnelSettings(hostName, secret, hideAvps, reliability, helloInterval, on, tieBreaker);
    }
}
