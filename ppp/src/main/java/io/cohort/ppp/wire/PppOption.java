package io.cohort.ppp.wire;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One configuration option: type, and data; the length octet is derived (RFC 1661 section 6).
 * Immutable.
 */
public record PppOption(int type, byte[] data) {
    public PppOption {
        if (type < 0 || type > 0xFF || data.length > 0xFF - 2) {
            throw new IllegalArgumentException("option type " + type + " with " + data.length + " octets");
        }
        data = data.clone();
    }

    @Override
    public byte[] data() {
        return data.clone();
    }

    public int dataLength() {
        return data.length;
    }

    /** Data as an unsigned big-endian integer (for 2- and 4-octet values). */
    public long unsignedValue() {
        long v = 0;
        for (byte d : data) {
            v = (v << 8) | (d & 0xFF);
        }
        return v;
    }

    /** Data octet at {@code index}, unsigned. */
    public int octet(int index) {
        return data[index] & 0xFF;
    }

    public static PppOption ofEmpty(int type) {
        return new PppOption(type, new byte[0]);
    }

    public static PppOption ofU16(int type, int value) {
        return new PppOption(type, new byte[] {(byte) (value >>> 8), (byte) value});
    }

    public static PppOption ofU32(int type, long value) {
        return new PppOption(type, new byte[] {
                (byte) (value >>> 24), (byte) (value >>> 16), (byte) (value >>> 8), (byte) value});
    }

    /** Encodes options back to back, as they appear in Configure-* data. */
    public static byte[] encodeAll(List<PppOption> options) {
        int size = 0;
        for (PppOption o : options) {
            size += 2 + o.data.length;
        }
        ByteBuffer out = ByteBuffer.allocate(size);
        for (PppOption o : options) {
            out.put((byte) o.type).put((byte) (2 + o.data.length)).put(o.data);
        }
        return out.array();
    }

    /** Decodes the option list of a Configure-* packet. */
    public static DecodeResult<List<PppOption>> decodeAll(byte[] data) {
        List<PppOption> out = new ArrayList<>(4);
        int i = 0;
        while (i < data.length) {
            if (data.length - i < 2) {
                return DecodeResult.malformed(DecodeError.BAD_OPTION_LENGTH, "option header cut at " + i);
            }
            int type = data[i] & 0xFF;
            int length = data[i + 1] & 0xFF;
            if (length < 2 || i + length > data.length) {
                return DecodeResult.malformed(DecodeError.BAD_OPTION_LENGTH,
                        "option " + type + " length " + length + " at " + i);
            }
            out.add(new PppOption(type, Arrays.copyOfRange(data, i + 2, i + length)));
            i += length;
        }
        return DecodeResult.ok(List.copyOf(out));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PppOption p && p.type == type && Arrays.equals(p.data, data);
    }

    @Override
    public int hashCode() {
        return 31 * type + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return "PppOption[type=" + type + ", length=" + (2 + data.length) + "]";
    }
}
