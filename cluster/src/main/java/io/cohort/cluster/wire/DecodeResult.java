package io.cohort.cluster.wire;

import io.cohort.cluster.message.ClusterMessage;

/** What {@link ClusterCodec#decode} made of a datagram: a message, or why there is none. */
public sealed interface DecodeResult {
    /** The datagram held exactly this message. */
    record Ok(ClusterMessage message) implements DecodeResult {}

    /**
     * The datagram is malformed.
     *
     * @param error the kind of fault, for counters
     * @param offset where in the input the decoder found it
     * @param detail a human-readable account, for a (rate-limited) log line
     */
    record Error(DecodeError error, int offset, String detail) implements DecodeResult {}
}
