package io.cohort.server.l2tp;

import io.cohort.ppp.PppLinkEssentialState;
import io.cohort.ppp.PppLinkInitialState;
import java.util.Objects;

/** A PPP link's replicated state (patent, figure 7), to resume the link of a call taken over. */
record ResumableLink(PppLinkInitialState initial, PppLinkEssentialState essential) {
    ResumableLink {
        Objects.requireNonNull(initial);
        Objects.requireNonNull(essential);
    }

    @Override
    public String toString() {
        return "ResumableLink[" + initial.ipcp().peerAddress().getHostAddress() + "]"; // the state holds keys
    }
}
