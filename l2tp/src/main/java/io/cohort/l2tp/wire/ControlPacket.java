package io.cohort.l2tp.wire;

import java.util.Objects;
import java.util.Optional;

/**
 * A control packet (T=1). An empty message is a Zero-Length Body acknowledgement: a header with
 * no AVPs at all, used only to carry Nr (RFC 2661 section 5.8).
 */
public record ControlPacket(L2tpHeader header, Optional<ControlMessage> message) implements L2tpPacket {

    public ControlPacket {
        Objects.requireNonNull(header, "header");
        Objects.requireNonNull(message, "message");
        if (!header.control()) {
            throw new IllegalArgumentException("control packet with T=0");
        }
    }

    /** Whether this is a ZLB acknowledgement. */
    public boolean isZlb() {
        return message.isEmpty();
    }
}
