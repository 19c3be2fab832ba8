package io.cohort.l2tp.wire;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Why {@link L2tpCodec#decode} rejected a datagram, and what of it could be read: the error of a
 * {@link io.cohort.wire.DecodeResult.Malformed}. {@code tunnelId} and {@code sessionId} come from
 * the header when it could be read (so that, e.g., an unknown mandatory AVP can clear the right
 * tunnel or session per 4.2), else {@link #UNKNOWN_ID}. {@code messageType} is the message's type
 * if its Message Type AVP was read, and {@code assignedSessionId} the sender's Assigned Session ID
 * AVP if one could be read: with them the receiver of an {@link DecodeError#UNKNOWN_MANDATORY_AVP}
 * tells a session message (clear the call with CDN) from a tunnel message (StopCCN), and can
 * address the CDN for a call it never set up (an ICRQ).
 */
public record DecodeFault(DecodeError kind, int tunnelId, int sessionId, Optional<MessageType> messageType,
        OptionalInt assignedSessionId) {

    /** Marker for {@link #tunnelId()}/{@link #sessionId()} when unreadable. */
    public static final int UNKNOWN_ID = -1;

    public DecodeFault {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(messageType, "messageType");
        Objects.requireNonNull(assignedSessionId, "assignedSessionId");
    }

    /** A fault that names no message type and no Assigned Session ID. */
    public DecodeFault(DecodeError kind, int tunnelId, int sessionId) {
        this(kind, tunnelId, sessionId, Optional.empty(), OptionalInt.empty());
    }

    /** Whether the header could be read, i.e. the tunnel and session IDs are meaningful. */
    public boolean headerReadable() {
        return tunnelId != UNKNOWN_ID;
    }
}
