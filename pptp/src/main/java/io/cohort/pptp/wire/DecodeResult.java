package io.cohort.pptp.wire;

import java.util.Objects;

/** The outcome of {@link PptpCodec#decode}: a message, or a typed reason to close the connection. */
public sealed interface DecodeResult {

    /** The octets decoded into a message. */
    record Decoded(ControlMessage message) implements DecodeResult {
        public Decoded {
            Objects.requireNonNull(message, "message");
        }
    }

    /** The octets were rejected; {@code detail} is for logs and never holds field contents. */
    record Malformed(DecodeError error, String detail) implements DecodeResult {
        public Malformed {
            Objects.requireNonNull(error, "error");
            Objects.requireNonNull(detail, "detail");
        }
    }
}
