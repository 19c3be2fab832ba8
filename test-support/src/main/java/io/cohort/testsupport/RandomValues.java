package io.cohort.testsupport;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The values of one generated case, all drawn from one generator seeded with the case's seed: the
 * same seed gives the same values, whatever else runs. The building blocks the properties share
 * (numbers in a range, octets of a length range, choices, lists, strings) live here so that each
 * test states only what is particular to it.
 *
 * <p>Plain uniform draws seldom hit the values where code breaks, so a few draws in
 * {@value #EDGE_ONE_IN} are edge cases instead: a range's ends (and 0, 1, -1 when inside it), an
 * empty or full-length array, one filled with 0x00 or 0xFF. Lengths also favour the short end:
 * half of the other draws fall in the lowest eighth of the range, where headers and length
 * fields are still being read.
 */
public final class RandomValues {
    /** One draw in this many is an edge case. */
    public static final int EDGE_ONE_IN = 16;
    /** ASCII letters and digits. */
    public static final String ALPHANUMERIC = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    private static final int MAX_ATTEMPTS = 10_000;

    private final long seed;
    private final SplittableRandom random;

    public RandomValues(long seed) {
        this.seed = seed;
        this.random = new SplittableRandom(seed);
    }

    /** The case's seed: {@code -Dcohort.seed=} with it replays the case. */
    public long seed() {
        return seed;
    }

    private boolean edge() {
        return random.nextInt(EDGE_ONE_IN) == 0;
    }

    /** An int in {@code [min, max]}. */
    public int intBetween(int min, int max) {
        return (int) longBetween(min, max);
    }

    /** Any int, edge cases included. */
    public int anyInt() {
        return intBetween(Integer.MIN_VALUE, Integer.MAX_VALUE);
    }

    /** A long in {@code [min, max]}. */
    public long longBetween(long min, long max) {
        if (min > max) {
            throw new IllegalArgumentException("empty range [" + min + ", " + max + "]");
        }
        if (edge()) {
            long[] edges = {min, max, 0, 1, -1};
            long e;
            do {
                e = edges[random.nextInt(edges.length)];
            } while (e < min || e > max);
            return e;
        }
        if (max < Long.MAX_VALUE) {
            return random.nextLong(min, max + 1);
        }
        return min == Long.MIN_VALUE ? random.nextLong() : random.nextLong(min - 1, max) + 1;
    }

    /** Any long, edge cases included. */
    public long anyLong() {
        return longBetween(Long.MIN_VALUE, Long.MAX_VALUE);
    }

    /** A double in {@code [min, max]}; the ends themselves are among the edge cases. */
    public double doubleBetween(double min, double max) {
        if (!(min <= max)) {
            throw new IllegalArgumentException("empty range [" + min + ", " + max + "]");
        }
        if (edge()) {
            return random.nextBoolean() ? min : max;
        }
        return Math.min(max, min + random.nextDouble() * (max - min));
    }

    public boolean bool() {
        return random.nextBoolean();
    }

    /** True with probability {@code p}. */
    public boolean chance(double p) {
        return random.nextDouble() < p;
    }

    public byte anyByte() {
        return (byte) intBetween(Byte.MIN_VALUE, Byte.MAX_VALUE);
    }

    /** A char in {@code [first, last]}. */
    public char charBetween(char first, char last) {
        return (char) intBetween(first, last);
    }

    /**
     * A length or count in {@code [min, max]}: an end of the range as an edge case, otherwise
     * half of the time in its lowest eighth (at least eight values wide).
     */
    public int size(int min, int max) {
        if (min < 0 || min > max) {
            throw new IllegalArgumentException("bad size range [" + min + ", " + max + "]");
        }
        if (edge()) {
            return random.nextBoolean() ? min : max;
        }
        int top = random.nextBoolean() ? (int) Math.min(max, min + Math.max(8L, (max - (long) min) / 8)) : max;
        return random.nextInt(min, top + 1);
    }

    /** Octets, {@link #size} of them; as an edge case all 0x00 or all 0xFF. */
    public byte[] bytes(int minLength, int maxLength) {
        byte[] b = new byte[size(minLength, maxLength)];
        if (edge()) {
            Arrays.fill(b, random.nextBoolean() ? (byte) 0 : (byte) 0xFF);
        } else {
            random.nextBytes(b);
        }
        return b;
    }

    /** Exactly {@code length} octets. */
    public byte[] bytes(int length) {
        return bytes(length, length);
    }

    /** One of the values, each equally likely. */
    public <T> T oneOf(List<? extends T> values) {
        if (values.isEmpty()) {
            throw new IllegalArgumentException("nothing to choose from");
        }
        return values.get(random.nextInt(values.size()));
    }

    @SafeVarargs
    public final <T> T oneOf(T... values) {
        return oneOf(List.of(values));
    }

    /** One of the enum's constants. */
    public <E extends Enum<E>> E oneOf(Class<E> type) {
        return oneOf(List.of(type.getEnumConstants()));
    }

    /**
     * An index into {@code weights}, each index as likely as its weight: {@code
     * weightedIndex(8, 1)} is 0 eight times in nine.
     */
    public int weightedIndex(int... weights) {
        int total = 0;
        for (int w : weights) {
            if (w < 0) {
                throw new IllegalArgumentException("negative weight " + w);
            }
            total += w;
        }
        if (total == 0) {
            throw new IllegalArgumentException("no weight");
        }
        int r = random.nextInt(total);
        for (int i = 0; ; i++) {
            r -= weights[i];
            if (r < 0) {
                return i;
            }
        }
    }

    /** {@link #size} values of the generator. */
    public <T> List<T> listOf(int minSize, int maxSize, Function<RandomValues, ? extends T> generator) {
        int n = size(minSize, maxSize);
        List<T> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(generator.apply(this));
        }
        return out;
    }

    /**
     * Values of the generator no two of which share a key, {@link #size} of them or as many as
     * {@value #MAX_ATTEMPTS} draws find (never fewer than {@code minSize}).
     */
    public <T> List<T> uniqueListOf(int minSize, int maxSize, Function<RandomValues, ? extends T> generator,
            Function<? super T, ?> key) {
        int n = size(minSize, maxSize);
        List<T> out = new ArrayList<>(n);
        Set<Object> keys = new HashSet<>();
        for (int attempt = 0; out.size() < n && attempt < MAX_ATTEMPTS; attempt++) {
            T value = generator.apply(this);
            if (keys.add(key.apply(value))) {
                out.add(value);
            }
        }
        if (out.size() < minSize) {
            throw new IllegalStateException(MAX_ATTEMPTS + " draws found only " + out.size() + " distinct values, "
                    + minSize + " wanted");
        }
        return out;
    }

    /** Distinct values of the generator, as {@link #uniqueListOf} finds them, in drawing order. */
    public <T> Set<T> setOf(int minSize, int maxSize, Function<RandomValues, ? extends T> generator) {
        return new LinkedHashSet<>(uniqueListOf(minSize, maxSize, generator, Function.identity()));
    }

    /** A string of {@link #size} characters, each from the generator. */
    public String string(int minLength, int maxLength, Function<RandomValues, Character> character) {
        int n = size(minLength, maxLength);
        StringBuilder s = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            s.append((char) character.apply(this));
        }
        return s.toString();
    }

    /** A string of characters of the alphabet. */
    public String string(int minLength, int maxLength, String alphabet) {
        if (alphabet.isEmpty()) {
            throw new IllegalArgumentException("empty alphabet");
        }
        return string(minLength, maxLength, r -> alphabet.charAt(r.random.nextInt(alphabet.length())));
    }

    /** A string of characters in {@code [first, last]}. */
    public String string(int minLength, int maxLength, char first, char last) {
        return string(minLength, maxLength, r -> r.charBetween(first, last));
    }

    /**
     * A value of the generator that satisfies the condition; fails loudly if {@value
     * #MAX_ATTEMPTS} draws find none (a generator that rarely satisfies it needs rewriting).
     */
    public <T> T satisfying(Function<RandomValues, ? extends T> generator, Predicate<? super T> condition) {
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            T value = generator.apply(this);
            if (condition.test(value)) {
                return value;
            }
        }
        throw new IllegalStateException("no value satisfied the condition in " + MAX_ATTEMPTS + " draws");
    }

    @Override
    public String toString() {
        return "RandomValues[" + CaseSeed.name(seed) + "]";
    }
}
