package io.cohort.pptp.gre;

import java.util.Objects;

/** The outcome of {@link GreCodec#decode}: a packet, or a typed reason to drop the datagram. */
public sealed interface GreDecodeResult {
    record Decoded(GrePacket packet) implements GreDecodeResult {
        public Decoded {
            Objects.requireNonNull(packet, "packet");
        }
    }

    /** {@code detail} is for logs; it never holds payload octets. */
    record Malformed(GreDecodeError error, String detail) implements GreDecodeResult {
        public Malformed {
            Objects.requireNonNull(error, "error");
            Objects.requireNonNull(detail, "detail");
        }
    }
}
