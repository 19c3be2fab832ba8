package io.cohort.pptp.gre;

import io.cohort.wire.DecodeResult;
import java.nio.ByteBuffer;
import java.util.OptionalLong;

/**
 * Encodes and decodes the enhanced GRE header of RFC 2637 section 4.1. Stateless and
 * thread-safe; {@link #decode} never throws on bad input.
 *
 * <p>What is accepted on input: K set, Ver 1, Protocol Type 0x880B, and C, R, s, Recur and the
 * four Flags bits all zero, as 4.1 prescribes (the Linux PPTP driver is as strict). S and A
 * decide whether the Sequence and Acknowledgment Numbers follow. S clear with a non-zero Payload
 * Length is refused; S set with Payload Length 0 is accepted (an empty data packet still consumes
 * a sequence number). Octets after the payload are link padding and ignored.
 */
public final class GreCodec {
    /** Flags/version, Protocol Type and Key. */
    public static final int FIXED_LENGTH = 8;
    /** PPP over enhanced GRE (4.1, [8]). */
    public static final int PROTOCOL_PPP = 0x880B;
    /** Enhanced GRE (4.1). */
    public static final int VERSION = 1;
    /** The longest header: both optional numbers present. */
    public static final int MAX_HEADER_LENGTH = 16;

    static final int C_BIT = 0x80;
    static final int R_BIT = 0x40;
    static final int K_BIT = 0x20;
    static final int S_BIT = 0x10;
    static final int STRICT_ROUTE_BIT = 0x08;
    static final int RECUR_MASK = 0x07;
    /** The A bit is the high bit of the second octet (bit 8 of the header). */
    static final int A_BIT = 0x80;
    static final int FLAGS_MASK = 0x78;
    static final int VERSION_MASK = 0x07;

    private GreCodec() {}

    /** Decodes the datagram between position and limit, moving neither. */
    public static DecodeResult<GrePacket, GreDecodeError> decode(ByteBuffer d) {
        int start = d.position();
        int available = d.remaining();
        if (available < FIXED_LENGTH) {
            return malformed(GreDecodeError.TRUNCATED, available + " octets");
        }
        int first = d.get(start) & 0xFF;
        int second = d.get(start + 1) & 0xFF;
        if ((second & VERSION_MASK) != VERSION) {
            return malformed(GreDecodeError.BAD_VERSION, "Ver " + (second & VERSION_MASK));
        }
        int protocol = d.getChar(start + 2);
        if (protocol != PROTOCOL_PPP) {
            return malformed(GreDecodeError.BAD_PROTOCOL_TYPE, String.format("Protocol Type 0x%04X", protocol));
        }
        if ((first & K_BIT) == 0) {
            return malformed(GreDecodeError.KEY_ABSENT, "K clear");
        }
        if ((first & (C_BIT | R_BIT | STRICT_ROUTE_BIT | RECUR_MASK)) != 0 || (second & FLAGS_MASK) != 0) {
            return malformed(GreDecodeError.FORBIDDEN_BITS, String.format("flags 0x%02X%02X", first, second));
        }
        boolean s = (first & S_BIT) != 0;
        boolean a = (second & A_BIT) != 0;
        int headerLength = FIXED_LENGTH + (s ? 4 : 0) + (a ? 4 : 0);
        if (available < headerLength) {
            return malformed(GreDecodeError.TRUNCATED, "header needs " + headerLength + " octets, has " + available);
        }
        int payloadLength = d.getChar(start + 4);
        int callId = d.getChar(start + 6);
        if (!s && payloadLength != 0) {
            return malformed(GreDecodeError.PAYLOAD_WITHOUT_SEQUENCE, "Payload Length " + payloadLength + " with S clear");
        }
        if (available - headerLength < payloadLength) {
            return malformed(GreDecodeError.TRUNCATED, "Payload Length " + payloadLength + " but "
                    + (available - headerLength) + " octets follow the header");
        }
        int at = start + FIXED_LENGTH;
        OptionalLong seq = OptionalLong.empty();
        if (s) {
            seq = OptionalLong.of(d.getInt(at) & 0xFFFF_FFFFL);
            at += 4;
        }
        OptionalLong ack = a ? OptionalLong.of(d.getInt(at) & 0xFFFF_FFFFL) : OptionalLong.empty();
        GreHeader h = new GreHeader(payloadLength, callId, seq, ack);
        return new DecodeResult.Decoded<>(new GrePacket(h, d.slice(start + headerLength, payloadLength)));
    }

    /** A packet with this header and payload (its remaining octets, position not moved). */
    public static ByteBuffer encode(GreHeader header, ByteBuffer payload) {
        ByteBuffer out = ByteBuffer.allocate(header.encodedLength() + payload.remaining());
        encodeInto(out, header, payload);
        return out.flip();
    }

    /** Writes the packet at {@code out}'s position and advances it (for reused buffers). */
    public static void encodeInto(ByteBuffer out, GreHeader header, ByteBuffer payload) {
        if (payload.remaining() != header.payloadLength()) {
            throw new IllegalArgumentException("header says " + header.payloadLength() + " payload octets, got "
                    + payload.remaining());
        }
        int first = K_BIT | (header.sequenceNumber().isPresent() ? S_BIT : 0);
        int second = VERSION | (header.acknowledgmentNumber().isPresent() ? A_BIT : 0);
        out.put((byte) first).put((byte) second).putShort((short) PROTOCOL_PPP)
                .putShort((short) header.payloadLength()).putShort((short) header.callId());
        header.sequenceNumber().ifPresent(n -> out.putInt((int) n));
        header.acknowledgmentNumber().ifPresent(n -> out.putInt((int) n));
        out.put(out.position(), payload, payload.position(), payload.remaining());
        out.position(out.position() + payload.remaining());
    }

    private static DecodeResult.Malformed<GrePacket, GreDecodeError> malformed(GreDecodeError e, String detail) {
        return new DecodeResult.Malformed<>(e, detail);
    }
}
