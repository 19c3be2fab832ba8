package io.cohort.l2tp.control;

import java.time.Duration;
import java.util.Objects;

/**
 * Tunables of the reliable control channel (RFC 2661 section 5.8).
 *
 * @param initialRetransmit wait before the first retransmission; the RFC recommends 1 second
 * @param maxRetransmit cap on the doubling back-off; the RFC requires at least 8 seconds
 * @param maxRetransmissions retransmissions of one message before the tunnel is cleared; the RFC
 *     recommends 5
 * @param ackDelay how long a received message waits for an outgoing message to carry its
 *     acknowledgement before a ZLB is sent instead
 * @param receiveWindow the Receive Window Size we advertise: how many messages the peer may have
 *     outstanding, and how many out-of-order messages we hold for in-order delivery
 */
public record ReliableDeliveryConfig(Duration initialRetransmit, Duration maxRetransmit,
        int maxRetransmissions, Duration ackDelay, int receiveWindow) {

    /** The longest receive window we accept to advertise (the hold buffer is this large). */
    public static final int MAX_RECEIVE_WINDOW = 1024;
    /** 5.8: "This cap MUST be no less than 8 seconds per retransmission." */
    public static final Duration MIN_RETRANSMIT_CAP = Duration.ofSeconds(8);

    public ReliableDeliveryConfig {
        Objects.requireNonNull(initialRetransmit, "initialRetransmit");
        Objects.requireNonNull(maxRetransmit, "maxRetransmit");
        Objects.requireNonNull(ackDelay, "ackDelay");
        if (initialRetransmit.isNegative() || initialRetransmit.isZero()) {
            throw new IllegalArgumentException("initialRetransmit must be positive");
        }
        if (maxRetransmit.compareTo(MIN_RETRANSMIT_CAP) < 0 || maxRetransmit.compareTo(initialRetransmit) < 0) {
            throw new IllegalArgumentException("maxRetransmit must be at least 8 s and at least initialRetransmit");
        }
        if (maxRetransmissions < 1) {
            throw new IllegalArgumentException("maxRetransmissions must be at least 1");
        }
        if (ackDelay.isNegative()) {
            throw new IllegalArgumentException("ackDelay must not be negative");
        }
        if (receiveWindow < 1 || receiveWindow > MAX_RECEIVE_WINDOW) {
            throw new IllegalArgumentException("receiveWindow must be in 1.." + MAX_RECEIVE_WINDOW);
        }
    }

    /** RFC defaults: 1 s first retransmission, 8 s cap, 5 retransmissions; 100 ms ack delay, window 8. */
    public static ReliableDeliveryConfig defaults() {
        return new ReliableDeliveryConfig(Duration.ofSeconds(1), Duration.ofSeconds(8), 5,
                Duration.ofMillis(100), 8);
    }

    /** The interval before retransmission number {@code n} (0 = the first), doubled and capped. */
    public Duration retransmitInterval(int n) {
        Duration d = initialRetransmit;
        for (int i = 0; i < n && d.compareTo(maxRetransmit) < 0; i++) {
            d = d.multipliedBy(2);
        }
        return d.compareTo(maxRetransmit) > 0 ? maxRetransmit : d;
    }

    /**
     * The full retransmission cycle: from the first transmission of a message until the channel
     * gives up on it. A closing tunnel keeps its state this long (5.7, 5.8).
     */
    public Duration fullRetransmissionCycle() {
        Duration total = Duration.ZERO;
        for (int i = 0; i <= maxRetransmissions; i++) {
            total = total.plus(retransmitInterval(i));
        }
        return total;
    }
}
