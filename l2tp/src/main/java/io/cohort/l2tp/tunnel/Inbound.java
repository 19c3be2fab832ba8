package io.cohort.l2tp.tunnel;

import io.cohort.l2tp.wire.ControlMessage;

/** What the reliable channel hands up to a tunnel, in Ns order. */
sealed interface Inbound {

    /** A decoded control message; {@code sessionId} is the header's Session ID. */
    record Message(int sessionId, ControlMessage message) implements Inbound {}

    /**
     * A control message that failed to decode because of an unrecognised AVP with the M-bit set.
     * It still occupies its Ns slot; the session or tunnel it concerns must be cleared (4.2).
     */
    record UnknownMandatory(int sessionId) implements Inbound {}
}
