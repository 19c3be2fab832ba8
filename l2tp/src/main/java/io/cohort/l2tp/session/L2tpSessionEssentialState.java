package io.cohort.l2tp.session;

import io.cohort.l2tp.wire.Avp;
import java.util.Objects;
import java.util.Optional;

/**
 * The essential state of one call (patent figure 7, essential portion 701): sent on each change,
 * which happens a few times in a call's life (set-up, WEN, SLI), never per packet.
 *
 * <p><b>Calculable</b>, rebuilt and never carried: the run of older data packets that triggers a
 * resynchronisation (starts at 0) and the packet and octet counters (counted afresh by the new
 * owner). The data-message Ns/Nr are in {@link L2tpSessionDataSequence}, replicated lazily.
 *
 * @param state where the call is in RFC 2661 7.4
 * @param sendSequenced whether our data messages carry Ns (5.4): requested by us, required by the
 *     peer (4.4.6), or the peer's data carries Ns
 * @param lastCallErrors the Call Errors of the last WEN (6.13)
 * @param accm the ACCM of the last SLI (6.14)
 */
public record L2tpSessionEssentialState(SessionState state, boolean sendSequenced,
        Optional<Avp.CallErrors> lastCallErrors, Optional<Avp.Accm> accm) {

    public L2tpSessionEssentialState {
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(lastCallErrors, "lastCallErrors");
        Objects.requireNonNull(accm, "accm");
    }
}
