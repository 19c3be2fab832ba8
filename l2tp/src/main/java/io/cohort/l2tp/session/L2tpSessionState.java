package io.cohort.l2tp.session;

import java.util.Objects;

/**
 * Everything a new owner needs to rebuild one call (patent figure 7): its initial portion, sent
 * once; its essential portion, sent on each change; and its data sequence numbers, sent lazily.
 */
public record L2tpSessionState(L2tpSessionInitialState initial, L2tpSessionEssentialState essential,
        L2tpSessionDataSequence dataSequence) {

    public L2tpSessionState {
        Objects.requireNonNull(initial, "initial");
        Objects.requireNonNull(essential, "essential");
        Objects.requireNonNull(dataSequence, "dataSequence");
    }
}
