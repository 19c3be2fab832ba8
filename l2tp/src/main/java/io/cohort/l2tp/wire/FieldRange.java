package io.cohort.l2tp.wire;

/** Range checks for the unsigned wire fields of record components (programming errors). */
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
}
