package io.cohort.l2tp.tunnel;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Bounds-checked big-endian reads over one encoded state record for {@link L2tpStateCodec}. A
 * read past the end, or a value out of range, records the first fault and yields 0 (or an empty
 * value); the codec checks {@link #failed()} before it builds a record, so nothing throws.
 */
final class StateReader {
    private final ByteBuffer d;
    private final int end;
    private int pos;
    private L2tpStateDecodeError error;
    private String detail;

    StateReader(ByteBuffer d, int from, int end) {
        this.d = d;
        this.pos = from;
        this.end = end;
    }

    boolean failed() {
        return error != null;
    }

    L2tpStateDecodeError error() {
        return error;
    }

    String detail() {
        return detail;
    }

    int position() {
        return pos;
    }

    int remaining() {
        return end - pos;
    }

    /** Records a fault unless one is already recorded (the first explains the rest). */
    void fail(L2tpStateDecodeError e, String what) {
        if (error == null) {
            error = e;
            detail = what;
        }
    }

    private boolean has(int n, String field) {
        if (error != null) {
            return false;
        }
        if (end - pos < n) {
            fail(L2tpStateDecodeError.TRUNCATED, field + " needs " + n + " octets, " + (end - pos) + " left");
            return false;
        }
        return true;
    }

    int u8(String field) {
        if (!has(1, field)) {
            return 0;
        }
        return d.get(pos++) & 0xFF;
    }

    int u16(String field) {
        if (!has(2, field)) {
            return 0;
        }
        int v = d.getChar(pos);
        pos += 2;
        return v;
    }

    /** A u16 that must lie in {@code min..65535}. */
    int u16(String field, int min) {
        int v = u16(field);
        if (!failed() && v < min) {
            fail(L2tpStateDecodeError.OUT_OF_RANGE, field + " " + v + " below " + min);
        }
        return v;
    }

    long u32(String field) {
        if (!has(4, field)) {
            return 0;
        }
        long v = Integer.toUnsignedLong(d.getInt(pos));
        pos += 4;
        return v;
    }

    long u64(String field) {
        if (!has(8, field)) {
            return 0;
        }
        long v = d.getLong(pos);
        pos += 8;
        return v;
    }

    /** A presence or boolean octet: 0 or 1. */
    boolean flag(String field) {
        int v = u8(field);
        if (!failed() && v > 1) {
            fail(L2tpStateDecodeError.BAD_FLAG, field + " octet " + v);
        }
        return v == 1;
    }

    /** The constant whose ordinal the octet holds; null (with a fault) if none. */
    <E extends Enum<E>> E enumOctet(String field, E[] values) {
        int v = u8(field);
        if (failed()) {
            return null;
        }
        if (v >= values.length) {
            fail(L2tpStateDecodeError.OUT_OF_RANGE, field + " " + v);
            return null;
        }
        return values[v];
    }

    /** {@code n} raw octets. */
    byte[] octets(int n, String field) {
        if (!has(n, field)) {
            return new byte[0];
        }
        byte[] out = new byte[n];
        d.get(pos, out);
        pos += n;
        return out;
    }

    /** A u16 length, then that many octets. */
    byte[] lengthPrefixed(String field) {
        int n = u16(field + " length");
        return octets(n, field);
    }

    /** A u16 length, then that many octets of strict UTF-8. */
    String utf8(String field) {
        byte[] raw = lengthPrefixed(field);
        if (failed()) {
            return "";
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(raw)).toString();
        } catch (CharacterCodingException e) {
            fail(L2tpStateDecodeError.BAD_STRING, field + " is not UTF-8");
            return "";
        }
    }

    /** Skips {@code n} octets that another decoder has read (absolute indices). */
    void skip(int n) {
        pos += n;
    }
}
