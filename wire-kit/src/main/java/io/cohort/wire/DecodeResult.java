package io.cohort.wire;

import java.util.Objects;

/**
 * What a decoder made of untrusted octets: the value, or a typed reason to drop them. Decoders
 * return one of these and never throw on bad input (STYLE.md, "Errors").
 *
 * @param <T> what the decoder produces (a packet, a message)
 * @param <E> the protocol's typed error: an enum of fault kinds, or a record of the kind and the
 *            context the receiver needs to answer the fault (e.g. the L2TP header's IDs, so that
 *            an unknown mandatory AVP clears the right tunnel or session, RFC 2661 4.2)
 */
public sealed interface DecodeResult<T, E> {

    /** The octets decoded into {@code value}. */
    record Decoded<T, E>(T value) implements DecodeResult<T, E> {
        public Decoded {
            Objects.requireNonNull(value, "value");
        }
    }

    /**
     * The octets were rejected. {@code detail} is for logs: it says what was wrong and never holds
     * field contents or secrets.
     */
    record Malformed<T, E>(E error, String detail) implements DecodeResult<T, E> {
        public Malformed {
            Objects.requireNonNull(error, "error");
            Objects.requireNonNull(detail, "detail");
        }
    }
}
