package io.cohort.ppp.automaton;

import io.cohort.ppp.wire.ControlPacket;

/**
 * Codes beyond the common 1-7, e.g. LCP's Protocol-Reject, Echo and Discard (RFC 1661 5.7-5.9).
 * The default knows none: every such code is a Receive-Unknown-Code.
 */
public interface ExtendedCodes {
    /** Which RFC 1661 event an extended packet is, given the automaton's current state. */
    Kind classify(ControlPacket packet, AutomatonState state);

    /** The {@code ser} action: answer an Echo-Request (called only in Opened). */
    void serve(ControlPacket packet);

    enum Kind {
        /** Echo-Request, Echo-Reply or Discard-Request: RXR. */
        RXR,
        /** A Protocol-Reject the link can live with: RXJ+. */
        REJECT_PERMITTED,
        /** A Protocol-Reject of LCP itself: RXJ-. */
        REJECT_CATASTROPHIC,
        /** Silently discard (e.g. Protocol-Reject outside Opened, RFC 1661 5.7). */
        DISCARD,
        /** Not a code this protocol knows: RUC. */
        UNKNOWN
    }

    ExtendedCodes NONE = new ExtendedCodes() {
        @Override public Kind classify(ControlPacket packet, AutomatonState state) {
            return Kind.UNKNOWN;
        }

        @Override public void serve(ControlPacket packet) {
        }
    };
}
