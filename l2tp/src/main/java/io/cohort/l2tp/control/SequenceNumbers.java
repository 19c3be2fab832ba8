package io.cohort.l2tp.control;

/**
 * Arithmetic on the 16-bit, free-running sequence numbers of RFC 2661 section 5.8: a number is
 * "less than or equal to" the last one received if it lies within that number and the 32767
 * values before it.
 */
public final class SequenceNumbers {
    /** Size of the sequence number space. */
    public static final int MODULUS = 1 << 16;
    private static final int HALF = MODULUS / 2 - 1;

    private SequenceNumbers() {}

    /** The number after {@code n}, wrapping 65535 to 0. */
    public static int next(int n) {
        return (n + 1) & 0xFFFF;
    }

    /** How many steps forward from {@code from} reach {@code to}, in 0..65535. */
    public static int forwardDistance(int from, int to) {
        return (to - from) & 0xFFFF;
    }

    /** Whether {@code n} is {@code last} or one of the 32767 values before it (5.8). */
    public static boolean isAtOrBefore(int n, int last) {
        return forwardDistance(n, last) <= HALF;
    }
}
