package io.cohort.l2tp.tunnel;

import io.cohort.l2tp.wire.ControlMessage;
import io.cohort.l2tp.wire.MessageType;
import java.util.Optional;
import java.util.OptionalInt;

/** What the reliable channel hands up to a tunnel, in Ns order. */
sealed interface Inbound {

    /** A decoded control message; {@code sessionId} is the header's Session ID. */
    record Message(int sessionId, ControlMessage message) implements Inbound {}

    /**
     * A control message that failed to decode because of an unrecognised AVP with the M-bit set
     * (4.2), or an unknown Message Type with the M-bit set (4.4.1; {@code type} is then empty).
     * It still occupies its Ns slot; the session or tunnel it concerns must be cleared.
     * {@code sessionId} is the header's Session ID; {@code type} and {@code peerSessionId} (the
     * sender's Assigned Session ID AVP) are there when the decoder could read them; {@code detail}
     * names the offending AVP, never its value.
     */
    record UnknownMandatory(int sessionId, Optional<MessageType> type, OptionalInt peerSessionId, String detail)
            implements Inbound {}

    /** A message of an unknown type without the M-bit: it takes its Ns slot and is ignored (4.4.1). */
    record Ignorable() implements Inbound {}
}
