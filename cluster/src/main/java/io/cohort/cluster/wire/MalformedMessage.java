package io.cohort.cluster.wire;

import io.cohort.cluster.message.ClusterMessage;
import io.cohort.wire.DecodeResult;

/**
 * Raised by {@link WireReader} inside the decoder and turned into a {@link DecodeResult.Malformed} at
 * {@link ClusterCodec#decode}'s boundary; never leaves the package. Stackless: it is input
 * validation, not a programming error.
 */
final class MalformedMessage extends Exception {
    private final DecodeError error;
    private final int offset;

    MalformedMessage(DecodeError error, int offset, String detail) {
        super(detail, null, false, false);
        this.error = error;
        this.offset = offset;
    }

    DecodeResult.Malformed<ClusterMessage, DecodeFault> result() {
        return new DecodeResult.Malformed<>(new DecodeFault(error, offset), getMessage());
    }
}
