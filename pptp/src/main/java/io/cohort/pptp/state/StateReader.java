package io.cohort.pptp.state;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Reads the fields of {@link PptpStateCodec}'s format from a buffer, checking each against what
 * is left and its range. A fault is a {@link Fault}, which the codec turns into a
 * {@link io.cohort.wire.DecodeResult.Malformed}; nothing escapes it.
 */
final class StateReader {
    /** A typed decode fault; no stack trace, as it is an expected outcome of untrusted input. */
    static final class Fault extends Exception {
        final PptpStateDecodeError error;

        Fault(PptpStateDecodeError error, String detail) {
            super(detail, null, false, false);
            this.error = error;
        }
    }

    private final ByteBuffer in;

    StateReader(ByteBuffer in) {
        this.in = in;
    }

    int u8(String field) throws Fault {
        need(field, 1);
        return in.get() & 0xFF;
    }

    int u16(String field) throws Fault {
        need(field, 2);
        return ((in.get() & 0xFF) << 8) | (in.get() & 0xFF);
    }

    long u32(String field) throws Fault {
        need(field, 4);
        return raw(4);
    }

    /** A u16 that is {@code min} or more and {@code max} or less. */
    int u16Between(String field, int min, int max) throws Fault {
        int value = u16(field);
        if (value < min || value > max) {
            throw new Fault(PptpStateDecodeError.BAD_VALUE, field + " out of range " + min + ".." + max);
        }
        return value;
    }

    /** A presence or flag octet: 0 or 1. */
    boolean flag(String field) throws Fault {
        int value = u8(field);
        if (value > 1) {
            throw new Fault(PptpStateDecodeError.BAD_VALUE, field + " is neither 0 nor 1");
        }
        return value == 1;
    }

    Duration duration(String field) throws Fault {
        need(field, 12);
        long seconds = raw(8);
        long nanos = raw(4);
        if (seconds < 0 || nanos >= 1_000_000_000L) {
            throw new Fault(PptpStateDecodeError.BAD_VALUE, field + " is not a duration of 0 to 2^63-1 s and < 10^9 ns");
        }
        return Duration.ofSeconds(seconds, nanos);
    }

    /** A u16 length and that many octets of strict UTF-8. */
    String text(String field) throws Fault {
        int length = u16(field + " length");
        need(field, length);
        ByteBuffer octets = in.slice(in.position(), length);
        in.position(in.position() + length);
        try {
            return StandardCharsets.UTF_8.newDecoder().decode(octets).toString();
        } catch (CharacterCodingException e) {
            throw new Fault(PptpStateDecodeError.BAD_TEXT, field + " is not UTF-8");
        }
    }

    void end() throws Fault {
        if (in.hasRemaining()) {
            throw new Fault(PptpStateDecodeError.TRAILING_OCTETS, in.remaining() + " octets after the record");
        }
    }

    private void need(String field, int octets) throws Fault {
        if (in.remaining() < octets) {
            throw new Fault(PptpStateDecodeError.TRUNCATED, field + " needs " + octets + " octets, " + in.remaining() + " left");
        }
    }

    private long raw(int octets) {
        long value = 0;
        for (int i = 0; i < octets; i++) {
            value = (value << 8) | (in.get() & 0xFF);
        }
        return value;
    }
}
