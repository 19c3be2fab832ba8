package io.cohort.pptp.wire;

import java.nio.charset.StandardCharsets;

/** Range checks for record components (programming errors, never wire input). */
final class FieldRange {
    private FieldRange() {}

    static void u8(String field, int value) {
        if (value < 0 || value > 0xFF) {
            throw new IllegalArgumentException(field + " out of range 0..255: " + value);
        }
    }

    static void u16(String field, int value) {
        if (value < 0 || value > 0xFFFF) {
            throw new IllegalArgumentException(field + " out of range 0..65535: " + value);
        }
    }

    static void u32(String field, long value) {
        if (value < 0 || value > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException(field + " out of range 0..2^32-1: " + value);
        }
    }

    /**
     * A string for a fixed-size NUL-padded field: Latin-1 characters, no NUL (it would end the
     * string on decode), at most {@code size} octets.
     */
    static void text(String field, String value, int size) {
        if (value.length() > size) {
            throw new IllegalArgumentException(field + " longer than " + size + " octets");
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == 0 || c > 0xFF) {
                throw new IllegalArgumentException(field + " has a character that is not Latin-1 or is NUL");
            }
        }
        assert value.getBytes(StandardCharsets.ISO_8859_1).length == value.length();
    }
}
