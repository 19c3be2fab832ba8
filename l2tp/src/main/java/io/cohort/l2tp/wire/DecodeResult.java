package io.cohort.l2tp.wire;

import java.util.Objects;

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
     * or session per 4.2), else {@link #UNKNOWN_ID}. {@code detail} is for logs; it never holds
     * secrets or AVP values.
     */
    record Malformed(DecodeError error, String detail, int tunnelId, int sessionId)
            implements DecodeResult {
        public Malformed {
            Objects.requireNonNull(error, "error");
            Objects.requireNonNull(detail, "detail");
        }

        /** Whether the header could be read, i.e. the tunnel and session IDs are meaningful. */
        public boolean headerReadable() {
            return tunnelId != UNKNOWN_ID;
        }
    }
}
