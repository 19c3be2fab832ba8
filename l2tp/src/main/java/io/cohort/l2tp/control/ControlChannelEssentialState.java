package io.cohort.l2tp.control;

import java.util.List;
import java.util.Objects;

/**
 * The essential state of a reliable control channel (RFC 2661 5.8; patent figure 7, essential
 * portion 701): what a new owner needs to carry on the same control connection, sent on each
 * change. It changes whenever a message is sent, received in order or acknowledged.
 *
 * <p><b>Calculable</b>, rebuilt and never carried: the Ns of the oldest unacknowledged message
 * ({@code ns} minus the number unacknowledged); the congestion window, which restarts in slow
 * start as after a retransmission timeout (Appendix A); the retransmission back-off and timer,
 * restarted at the first interval; the pending acknowledgement (a message the peer sent just
 * before the takeover is retransmitted by it and re-acknowledged as a duplicate); messages held
 * out of order, which our Nr never acknowledged and the peer therefore retransmits; counters.
 *
 * @param ns the Ns our next new message will carry
 * @param nr the Ns we expect next from the peer: everything before it was delivered
 * @param unacknowledged messages sent and not yet acknowledged, oldest first; the first carries
 *     Ns {@code ns - unacknowledged.size()} (modulo 65536)
 * @param unsent messages queued behind a full window, in the order they will be sent
 * @param <O> how the channel's owner describes a message (the channel itself sees only
 *     {@link OutboundMessage})
 */
public record ControlChannelEssentialState<O>(int ns, int nr, List<O> unacknowledged, List<O> unsent) {

    public ControlChannelEssentialState {
        if (ns < 0 || ns >= SequenceNumbers.MODULUS || nr < 0 || nr >= SequenceNumbers.MODULUS) {
            throw new IllegalArgumentException("Ns and Nr must be in 0..65535: " + ns + ", " + nr);
        }
        unacknowledged = List.copyOf(Objects.requireNonNull(unacknowledged, "unacknowledged"));
        unsent = List.copyOf(Objects.requireNonNull(unsent, "unsent"));
        if (unacknowledged.size() > 0xFFFF) {
            throw new IllegalArgumentException("more unacknowledged messages than Ns values: "
                    + unacknowledged.size());
        }
    }

    /** The state of a control connection on which nothing has been sent or received. */
    public static <O> ControlChannelEssentialState<O> fresh() {
        return new ControlChannelEssentialState<>(0, 0, List.of(), List.of());
    }
}
