package io.cohort.cluster.secure;

/**
 * Anti-replay for one receive key, as RFC 4303 §3.4.3 and appendix A describe it for ESP: the
 * highest authenticated sequence number and a bitmap of the {@value #SIZE} numbers below it.
 * A number is new if it is above the highest, or inside the window and not yet seen; anything
 * older than the window is refused. {@link #isFresh} is checked before the (costly) tag check and
 * {@link #accept} only after it, so forged packets cannot move the window.
 * Sequence numbers are unsigned 64-bit values from 1.
 */
public final class ReplayWindow {
    public static final int SIZE = 1024;

    private final long[] seen = new long[SIZE / 64];
    private long highest; // 0: nothing accepted yet

    public boolean isFresh(long sequence) {
        if (sequence == 0) {
            return false;
        }
        if (Long.compareUnsigned(sequence, highest) > 0) {
            return true;
        }
        long behind = highest - sequence;
        if (Long.compareUnsigned(behind, SIZE) >= 0) {
            return false;
        }
        return !bit(sequence);
    }

    /** Records an authenticated {@code sequence}; it must be {@link #isFresh}. */
    public void accept(long sequence) {
        if (!isFresh(sequence)) {
            throw new IllegalStateException("sequence " + Long.toUnsignedString(sequence) + " is not fresh");
        }
        if (Long.compareUnsigned(sequence, highest) > 0) {
            long advance = sequence - highest;
            if (Long.compareUnsigned(advance, SIZE) >= 0) {
                java.util.Arrays.fill(seen, 0);
            } else {
                for (long s = highest + 1; s != sequence; s++) {
                    clear(s);
                }
            }
            highest = sequence;
        }
        set(sequence);
    }

    public long highest() {
        return highest;
    }

    private boolean bit(long sequence) {
        int index = (int) (sequence & (SIZE - 1));
        return (seen[index >>> 6] & (1L << (index & 63))) != 0;
    }

    private void set(long sequence) {
        int index = (int) (sequence & (SIZE - 1));
        seen[index >>> 6] |= 1L << (index & 63);
    }

    private void clear(long sequence) {
        int index = (int) (sequence & (SIZE - 1));
        seen[index >>> 6] &= ~(1L << (index & 63));
    }
}
