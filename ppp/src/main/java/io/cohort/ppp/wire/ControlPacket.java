package io.cohort.ppp.wire;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * A control packet (RFC 1661 section 5): code, identifier and data; the length field is derived.
 * The same layout carries PAP (RFC 1334 section 2.2) and CHAP (RFC 1994 section 4) packets.
 * Immutable: the data is copied in and out.
 */
public record ControlPacket(int code, int identifier, byte[] data) {
    /** Code, identifier and length octets. */
    public static final int HEADER_LENGTH = 4;

    public ControlPacket {
        if (code < 0 || code > 0xFF || identifier < 0 || identifier > 0xFF) {
            throw new IllegalArgumentException("code and identifier are octets");
        }
        if (data.length > 0xFFFF - HEADER_LENGTH) {
            throw new IllegalArgumentException("data too long: " + data.length);
        }
        data = data.clone();
    }

    public ControlPacket(ControlCode code, int identifier, byte[] data) {
        this(code.code(), identifier, data);
    }

    @Override
    public byte[] data() {
        return data.clone();
    }

    public int dataLength() {
        return data.length;
    }

    /** Data as a read-only view, without copying. */
    public ByteBuffer dataView() {
        return ByteBuffer.wrap(data).asReadOnlyBuffer();
    }

    /** The RFC 1661 code, or null for a code RFC 1661 does not define. */
    public ControlCode knownCode() {
        return ControlCode.of(code);
    }

    public int encodedLength() {
        return HEADER_LENGTH + data.length;
    }

    public ByteBuffer encode() {
        ByteBuffer out = ByteBuffer.allocate(encodedLength());
        writeTo(out);
        return out.flip();
    }

    public void writeTo(ByteBuffer out) {
        out.put((byte) code).put((byte) identifier).putShort((short) encodedLength()).put(data);
    }

    /**
     * Decodes a packet. Octets beyond the length field are padding and ignored
     * (RFC 1661 section 5: "Octets outside the range of the Length field should be treated as
     * Data Link Layer padding").
     */
    public static DecodeResult<ControlPacket> decode(ByteBuffer in) {
        ByteBuffer b = in.duplicate();
        if (b.remaining() < HEADER_LENGTH) {
            return DecodeResult.malformed(DecodeError.TRUNCATED, b.remaining() + " octets");
        }
        int p = b.position();
        int code = b.get(p) & 0xFF;
        int id = b.get(p + 1) & 0xFF;
        int length = b.getShort(p + 2) & 0xFFFF;
        if (length < HEADER_LENGTH || length > b.remaining()) {
            return DecodeResult.malformed(DecodeError.BAD_LENGTH,
                    "length " + length + " with " + b.remaining() + " octets");
        }
        byte[] data = new byte[length - HEADER_LENGTH];
        b.position(p + HEADER_LENGTH);
        b.get(data);
        return DecodeResult.ok(new ControlPacket(code, id, data));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ControlPacket c && c.code == code && c.identifier == identifier
                && Arrays.equals(c.data, data);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * code + identifier) + Arrays.hashCode(data);
    }

    /** Shows code, identifier and length only: PAP data carries passwords. */
    @Override
    public String toString() {
        return "ControlPacket[code=" + code + ", id=" + identifier + ", length=" + encodedLength() + "]";
    }
}
