package io.cohort.l2tp.tunnel;

import io.cohort.l2tp.session.L2tpSessionState;
import java.util.List;
import java.util.Objects;

/**
 * Everything a new owner needs to rebuild one tunnel and its calls (patent figure 7): the
 * tunnel's initial and essential portions and each live call's state, in the order the calls
 * were set up.
 */
public record L2tpTunnelState(L2tpTunnelInitialState initial, L2tpTunnelEssentialState essential,
        List<L2tpSessionState> sessions) {

    public L2tpTunnelState {
        Objects.requireNonNull(initial, "initial");
        Objects.requireNonNull(essential, "essential");
        sessions = List.copyOf(sessions);
    }
}
