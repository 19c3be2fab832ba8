package io.cohort.wire;

/**
 * Range checks for the components of wire records, called from their compact constructors. A
 * value out of range is a programming error (decoders validate wire input and never build such a
 * record), so each check throws {@link IllegalArgumentException} naming the field.
 */
public final class FieldRange {
    private FieldRange() {}

    /** An unsigned octet. */
    public static void u8(String field, int value) {
        if (value < 0 || value > 0xFF) {
            throw new IllegalArgumentException(field + " out of range 0..255: " + value);
        }
    }

    /** An unsigned 16-bit field. */
    public static void u16(String field, int value) {
        if (value < 0 || value > 0xFFFF) {
            throw new IllegalArgumentException(field + " out of range 0..65535: " + value);
        }
    }

    /** An unsigned 32-bit field, held in a {@code long}. */
    public static void u32(String field, long value) {
        if (value < 0 || value > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException(field + " out of range 0..2^32-1: " + value);
        }
    }

    /**
     * A string for a fixed-size, NUL-padded text field (e.g. RFC 2637's 64-octet Host Name):
     * Latin-1 characters, one octet each, no NUL (it would end the string on decode), at most
     * {@code size} octets.
     */
    public static void latin1(String field, String value, int size) {
        if (value.length() > size) {
            throw new IllegalArgumentException(field + " longer than " + size + " octets");
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == 0 || c > 0xFF) {
                throw new IllegalArgumentException(field + " has a character that is not Latin-1 or is NUL");
            }
        }
    }
}
