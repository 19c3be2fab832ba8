package io.cohort.testsupport;

import java.util.Optional;
import java.util.SplittableRandom;
import java.util.function.Function;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;

/**
 * Random cases for a {@code @ParameterizedTest}'s {@code @MethodSource}, one per try, each named
 * after its seed:
 *
 * <pre>{@code
 * @ParameterizedTest
 * @MethodSource("junk")
 * void junkNeverThrows(byte[] junk, int offset) { ... }
 *
 * static Stream<Arguments> junk() {
 *     return SeededCases.of(2000, random -> Arguments.of(random.bytes(0, 120), random.intBetween(-2, 130)));
 * }
 * }</pre>
 *
 * <p>Every run draws fresh seeds, so the suite keeps exploring; each case's values depend on its
 * seed alone, which its display name shows ({@code [17] seed=0x…}) and {@link FailingCaseReport}
 * prints with the failing values. {@code -Dcohort.seed=0x…} replaces every source's cases by the
 * single case with that seed: with {@code -Dtest=Class#method} it replays exactly the case that
 * failed, and only it.
 */
public final class SeededCases {
    private SeededCases() {}

    /** {@code tries} cases of the generator, or only the case {@code -Dcohort.seed} names. */
    public static Stream<Arguments> of(int tries, Function<RandomValues, Arguments> generator) {
        Optional<String> replay = Optional.ofNullable(System.getProperty(CaseSeed.PROPERTY)).filter(s -> !s.isBlank());
        return of(tries, generator, replay);
    }

    static Stream<Arguments> of(int tries, Function<RandomValues, Arguments> generator, Optional<String> replay) {
        if (tries < 1) {
            throw new IllegalArgumentException("tries " + tries);
        }
        LongStream seeds = replay.map(s -> LongStream.of(CaseSeed.parse(s)))
                .orElseGet(() -> new SplittableRandom().longs(tries));
        return seeds.mapToObj(seed -> caseOf(seed, generator));
    }

    private static Arguments caseOf(long seed, Function<RandomValues, Arguments> generator) {
        Arguments values;
        try {
            values = generator.apply(new RandomValues(seed));
        } catch (RuntimeException e) {
            throw new IllegalStateException("generating the case " + CaseSeed.name(seed) + " failed", e);
        }
        return Arguments.argumentSet(CaseSeed.name(seed), values.get());
    }
}
