package io.cohort.pptp.control;

/**
 * The calls all control connections of one engine may hold together, shared by them on the engine
 * thread. When it is exhausted an Outgoing-Call-Request gets General Error / No-Resource
 * ("Insufficient resources to handle this command now", RFC 2637 2.8 and 2.16).
 */
public final class CallCapacity {
    private final int max;
    private int used;

    public CallCapacity(int max) {
        if (max < 0) {
            throw new IllegalArgumentException("max must not be negative");
        }
        this.max = max;
    }

    /** Takes one call slot if one is free. */
    public boolean tryAcquire() {
        if (used >= max) {
            return false;
        }
        used++;
        return true;
    }

    public void release() {
        if (used == 0) {
            throw new IllegalStateException("released more calls than were acquired");
        }
        used--;
    }

    public int used() {
        return used;
    }

    public int max() {
        return max;
    }
}
