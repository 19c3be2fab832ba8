package io.cohort.l2tp.wire;

import java.security.SecureRandom;
import java.util.Arrays;

/** A "random" source for golden tests: every byte is {@code fill}, and nextInt is 0 (no hiding padding). */
class FixedRandom extends SecureRandom {
    private final byte fill;

    FixedRandom(byte fill) {
        this.fill = fill;
    }

    @Override
    public void nextBytes(byte[] bytes) {
        Arrays.fill(bytes, fill);
    }

    @Override
    public int nextInt(int bound) {
        return 0;
    }
}
