package io.cohort.cluster.wire;

import java.util.Objects;

/**
 * Why {@link ClusterCodec#decode} refused a datagram and where: the error of a
 * {@link io.cohort.wire.DecodeResult.Malformed}.
 *
 * @param kind   the kind of fault, for counters
 * @param offset where in the input the decoder found it
 */
public record DecodeFault(DecodeError kind, int offset) {
    public DecodeFault {
        Objects.requireNonNull(kind, "kind");
    }
}
