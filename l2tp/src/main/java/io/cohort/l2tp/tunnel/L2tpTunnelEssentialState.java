package io.cohort.l2tp.tunnel;

import io.cohort.l2tp.control.ControlChannelEssentialState;
import io.cohort.l2tp.wire.Avp;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The essential state of one control connection (patent figure 7, essential portion 701): sent
 * on each change, which is each control message sent, received in order or acknowledged.
 *
 * <p><b>Calculable</b>, rebuilt and never carried: the HELLO timer (6.5), restarted for a full
 * interval as if the peer had just been heard, which at worst delays one HELLO; whether the
 * tunnel was announced up (it was, if established); the release timer of a closing tunnel,
 * restarted for a full retransmission cycle (5.7); everything that
 * {@link ControlChannelEssentialState} lists as calculable; counters.
 *
 * @param state where the control connection is in RFC 2661 7.2
 * @param control Ns, Nr and the messages not yet acknowledged (5.8)
 * @param lastCallSerialNumber the Call Serial Number (4.4.5) of the last call we placed (LAC)
 * @param ourChallenge the Challenge we sent, until the peer's response is checked (5.1.1)
 * @param tieBreaker the Tie Breaker of our SCCRQ while we wait for the SCCRP (4.4.3)
 */
public record L2tpTunnelEssentialState(TunnelState state, ControlChannelEssentialState<PendingControlMessage> control,
        long lastCallSerialNumber, Optional<Avp.Challenge> ourChallenge, OptionalLong tieBreaker) {

    public L2tpTunnelEssentialState {
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(control, "control");
        Objects.requireNonNull(ourChallenge, "ourChallenge");
        Objects.requireNonNull(tieBreaker, "tieBreaker");
    }
}
