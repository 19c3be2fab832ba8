package io.cohort.ppp;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.random.RandomGenerator;

/**
 * A random generator that returns a script of values, so that tests know which magic numbers,
 * identifiers and interface identifiers the code under test will draw. {@code nextInt()} is the
 * low 32 bits of the next scripted value; when the script runs out, values count up from
 * {@code 0x1000}.
 */
public final class ScriptedRandom implements RandomGenerator {
    private final Deque<Long> script = new ArrayDeque<>();
    private long fallback = 0x1000;

    public ScriptedRandom(long... values) {
        then(values);
    }

    /** Appends values to the script. */
    public ScriptedRandom then(long... values) {
        for (long v : values) {
            script.addLast(v);
        }
        return this;
    }

    @Override
    public long nextLong() {
        Long v = script.pollFirst();
        return v != null ? v : fallback++;
    }

    @Override
    public int nextInt() {
        return (int) nextLong();
    }
}
