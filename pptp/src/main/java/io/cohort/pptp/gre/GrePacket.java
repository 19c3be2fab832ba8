package io.cohort.pptp.gre;

import java.nio.ByteBuffer;
import java.util.Objects;

/** A decoded enhanced GRE packet: the header and a view of the PPP payload (no copy). */
public record GrePacket(GreHeader header, ByteBuffer payload) {
    public GrePacket {
        Objects.requireNonNull(header, "header");
        Objects.requireNonNull(payload, "payload");
    }
}
