package io.cohort.l2tp.wire;

import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * A data packet (T=0) carrying one PPP frame. After decoding, {@code payload} is a slice of the
 * received datagram (no copy): it shares the datagram's memory, so it is valid only as long as
 * that buffer is not reused.
 */
public record DataPacket(L2tpHeader header, ByteBuffer payload) implements L2tpPacket {

    public DataPacket {
        Objects.requireNonNull(header, "header");
        Objects.requireNonNull(payload, "payload");
        if (header.control()) {
            throw new IllegalArgumentException("data packet with T=1");
        }
    }
}
