package io.cohort.l2tp.wire;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/** The outcome of {@link L2tpCodec#decode}: a packet, or a typed reason to drop the datagram. */
public sealed interface DecodeResult {

    /** Marker for {@link Malformed#tunnelId()}/{@link Malformed#sessionId()} when unreadable. */
    int UNKNOWN_ID = -1;

    /** The datagram decoded into a packet. */
    record Decoded(L2tpPacket packet) implements DecodeResult {
        public Decoded {
            Objects.requireNonNull(packet, "packet");
        }
    }

    /**
     * The datagram was rejected. {@code tunnelId} and {@code sessionId} come from the header
     * when it could be read (so that, e.g., an unknown mandatory AVP can clear the right tunnel
     * or session per 4.2), else {@link #UNKNOWN_ID}. {@code messageType} is the message's type if
     * its Message Type AVP was read, and {@code assignedSessionId} the sender's Assigned Session
     * ID AVP if one could be read: with them the receiver of an {@link DecodeError#UNKNOWN_MANDATORY_AVP}
     * tells a session message (clear the call with CDN) from a tunnel message (StopCCN), and can
     * address the CDN for a call it never set up (an ICRQ). {@code detail} is for logs; it never
     * holds secrets or AVP values.
     */
    record Malformed(DecodeError error, String detail, int tunnelId, int sessionId,
            Optional<MessageType> messageType, OptionalInt assignedSessionId) implements DecodeResult {
        public Malformed {
            Objects.requireNonNull(error, "error");
            Objects.requireNonNull(detail, "detail");
            Objects.requireNonNull(messageType, "messageType");
            Objects.requireNonNull(assignedSessionId, "assignedSessionId");
        }

        /** A rejection that names no message type and no Assigned Session ID. */
        public Malformed(DecodeError error, String detail, int tunnelId, int sessionId) {
            this(error, detail, tunnelId, sessionId, Optional.empty(), OptionalInt.empty());
        }

        /** Whether the header could be read, i.e. the tunnel and session IDs are meaningful. */
        public boolean headerReadable() {
            return tunnelId != UNKNOWN_ID;
        }
    }
}
