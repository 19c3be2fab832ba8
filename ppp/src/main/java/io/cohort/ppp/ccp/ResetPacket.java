package io.cohort.ppp.ccp;

import io.cohort.ppp.wire.ControlPacket;
import io.cohort.ppp.wire.DecodeError;
import io.cohort.ppp.wire.DecodeResult;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Objects;

/**
 * A CCP Reset-Request (code 14) or Reset-Ack (code 15) of RFC 1962 section 3.1: the common
 * code/identifier/length header and data the sender may fill "with any desired data" (MPPE sends
 * none, RFC 3078 8.2).
 */
public record ResetPacket(Kind kind, int identifier, byte[] data) {
    public enum Kind {
        RESET_REQUEST(14),
        RESET_ACK(15);

        private final int code;

        Kind(int code) {
            this.code = code;
        }

        public int code() {
            return code;
        }
    }

    public ResetPacket {
        Objects.requireNonNull(kind, "kind");
        if (identifier < 0 || identifier > 0xFF) {
            throw new IllegalArgumentException("identifier is an octet");
        }
        data = data.clone();
    }

    public static ResetPacket request(int identifier) {
        return new ResetPacket(Kind.RESET_REQUEST, identifier, new byte[0]);
    }

    /** The Reset-Ack answering {@code request}: "the Identifier field copied from the Reset-Request". */
    public static ResetPacket ackFor(ResetPacket request) {
        return new ResetPacket(Kind.RESET_ACK, request.identifier(), new byte[0]);
    }

    @Override
    public byte[] data() {
        return data.clone();
    }

    public ControlPacket toControlPacket() {
        return new ControlPacket(kind.code(), identifier, data);
    }

    /** The CCP packet (code, identifier, length, data). */
    public ByteBuffer encode() {
        return toControlPacket().encode();
    }

    /** A Reset packet from a decoded CCP control packet. */
    public static DecodeResult<ResetPacket> from(ControlPacket packet) {
        for (Kind k : Kind.values()) {
            if (k.code() == packet.code()) {
                return DecodeResult.ok(new ResetPacket(k, packet.identifier(), packet.data()));
            }
        }
        return DecodeResult.malformed(DecodeError.BAD_FIELD, "code " + packet.code() + " is not Reset-Request/Ack");
    }

    /** Decodes a CCP packet at the buffer's position (not moved); never throws on bad input. */
    public static DecodeResult<ResetPacket> decode(ByteBuffer in) {
        return switch (ControlPacket.decode(in)) {
            case DecodeResult.Ok<ControlPacket> ok -> from(ok.value());
            case DecodeResult.Malformed<ControlPacket> m -> DecodeResult.malformed(m.error(), m.detail());
        };
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ResetPacket r && r.kind == kind && r.identifier == identifier && Arrays.equals(r.data, data);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * kind.hashCode() + identifier) + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return "ResetPacket[" + kind + ", id=" + identifier + ", length=" + (4 + data.length) + "]";
    }
}
