package io.cohort.pptp.state;

import io.cohort.wire.FieldRange;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** Appends the fields of {@link PptpStateCodec}'s format, in network byte order. */
final class StateWriter {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream(64);

    StateWriter u8(String field, int value) {
        FieldRange.u8(field, value);
        out.write(value);
        return this;
    }

    StateWriter u16(String field, int value) {
        FieldRange.u16(field, value);
        out.write(value >>> 8);
        out.write(value);
        return this;
    }

    StateWriter u32(String field, long value) {
        FieldRange.u32(field, value);
        return raw(value, 4);
    }

    StateWriter flag(boolean value) {
        out.write(value ? 1 : 0);
        return this;
    }

    /** A non-negative duration: seconds (u64, below 2^63) and nanoseconds of the second (u32). */
    StateWriter duration(String field, Duration value) {
        if (value.isNegative()) {
            throw new IllegalArgumentException(field + " is negative");
        }
        raw(value.getSeconds(), 8);
        return raw(value.getNano(), 4);
    }

    /** A u16 length and the string's UTF-8 octets. */
    StateWriter text(String field, String value) {
        byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
        u16(field + " length", utf8.length);
        out.writeBytes(utf8);
        return this;
    }

    byte[] toByteArray() {
        return out.toByteArray();
    }

    private StateWriter raw(long value, int octets) {
        for (int shift = 8 * (octets - 1); shift >= 0; shift -= 8) {
            out.write((int) (value >>> shift));
        }
        return this;
    }
}
