package io.cohort.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class RandomValuesTest {
    private final RandomValues random = new RandomValues(0x2a);

    /** Many draws of one generator from a fixed seed. */
    private <T> List<T> draws(int n, Function<RandomValues, T> generator) {
        return IntStream.range(0, n).mapToObj(i -> generator.apply(random)).toList();
    }

    @Test
    void theSameSeedGivesTheSameValues() {
        RandomValues a = new RandomValues(7);
        RandomValues b = new RandomValues(7);

        for (int i = 0; i < 100; i++) {
            assertThat(a.bytes(0, 50)).isEqualTo(b.bytes(0, 50));
            assertThat(a.anyLong()).isEqualTo(b.anyLong());
            assertThat(a.string(0, 9, "xyz")).isEqualTo(b.string(0, 9, "xyz"));
        }
        assertThat(new RandomValues(8).anyLong()).isNotEqualTo(new RandomValues(7).anyLong());
    }

    @Test
    void intsStayInTheirRangeAndReachBothEnds() {
        List<Integer> ints = draws(2000, r -> r.intBetween(-2, 130));

        assertThat(ints).allSatisfy(i -> assertThat(i).isBetween(-2, 130)).contains(-2, 130, 0, 1, -1);
        assertThat(new HashSet<>(ints)).hasSizeGreaterThan(120);
    }

    @Test
    void fullRangeIntsAndLongsIncludeTheirEdges() {
        assertThat(draws(2000, RandomValues::anyInt)).contains(Integer.MIN_VALUE, Integer.MAX_VALUE, 0, 1, -1);
        assertThat(draws(2000, RandomValues::anyLong)).contains(Long.MIN_VALUE, Long.MAX_VALUE, 0L, 1L, -1L);
        assertThat(draws(2000, r -> r.longBetween(3, Long.MAX_VALUE)))
                .allSatisfy(l -> assertThat(l).isGreaterThanOrEqualTo(3)).contains(3L, Long.MAX_VALUE);
        assertThat(draws(100, r -> r.intBetween(5, 5))).containsOnly(5);
    }

    @Test
    void emptyRangesAreProgrammingErrors() {
        assertThatThrownBy(() -> random.intBetween(2, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> random.doubleBetween(1, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> random.size(-1, 3)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> random.oneOf(List.of())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> random.weightedIndex(0, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void doublesStayInTheirRangeAndIncludeBothEnds() {
        List<Double> doubles = draws(2000, r -> r.doubleBetween(0, 0.3));

        assertThat(doubles).allSatisfy(d -> assertThat(d).isBetween(0.0, 0.3)).contains(0.0, 0.3);
        assertThat(doubles.stream().filter(d -> d > 0.15).count()).isGreaterThan(500);
    }

    @Test
    void lengthsCoverTheRangeFavouringTheShortEnd() {
        List<Integer> lengths = draws(4000, r -> r.bytes(0, 300).length);

        assertThat(lengths).allSatisfy(n -> assertThat(n).isBetween(0, 300)).contains(0, 1, 2, 3, 300);
        assertThat(lengths.stream().filter(n -> n <= 37).count()).isGreaterThan(1800);
        assertThat(lengths.stream().filter(n -> n > 150).count()).isGreaterThan(700);
        assertThat(draws(50, r -> r.bytes(16).length)).containsOnly(16);
    }

    @Test
    void someArraysAreAllZerosOrAllOnes() {
        List<byte[]> arrays = draws(2000, r -> r.bytes(8, 8));

        assertThat(arrays).anySatisfy(b -> assertThat(b).containsOnly(0))
                .anySatisfy(b -> assertThat(b).containsOnly(0xFF))
                .anySatisfy(b -> assertThat(b).contains(0x5A));
    }

    @Test
    void choicesCoverEveryValue() {
        enum Colour { RED, GREEN, BLUE }

        assertThat(draws(300, r -> r.oneOf("a", "b", "c"))).containsOnly("a", "b", "c").contains("a", "b", "c");
        assertThat(draws(300, r -> r.oneOf(Colour.class))).contains(Colour.values());
        assertThat(draws(300, RandomValues::bool)).contains(true, false);
        assertThat(draws(300, RandomValues::anyByte)).contains((byte) -128, (byte) 127);
    }

    @Test
    void weightedIndicesFollowTheirWeights() {
        List<Integer> picks = draws(9000, r -> r.weightedIndex(8, 0, 1));

        assertThat(picks).doesNotContain(1);
        assertThat(picks.stream().filter(i -> i == 0).count()).isBetween(7600L, 8400L);
    }

    @Test
    void chanceIsAProbability() {
        assertThat(draws(1000, r -> r.chance(0))).containsOnly(false);
        assertThat(draws(1000, r -> r.chance(1))).containsOnly(true);
        assertThat(draws(10_000, r -> r.chance(0.3)).stream().filter(b -> b).count()).isBetween(2700L, 3300L);
    }

    @Test
    void listsHaveTheirSizeAndUniqueListsNoRepeatedKey() {
        assertThat(draws(500, r -> r.listOf(1, 4, RandomValues::anyInt)))
                .allSatisfy(l -> assertThat(l).hasSizeBetween(1, 4));
        assertThat(draws(500, r -> r.uniqueListOf(0, 6, s -> s.intBetween(0, 9), i -> i % 7)))
                .allSatisfy(l -> assertThat(l.stream().map(i -> i % 7)).doesNotHaveDuplicates()
                        .hasSizeLessThanOrEqualTo(6));
        Set<Integer> set = random.setOf(3, 3, r -> r.intBetween(0, 2));
        assertThat(set).containsExactlyInAnyOrder(0, 1, 2);
    }

    @Test
    void tooFewDistinctValuesForTheMinimumIsALoudFailure() {
        assertThatThrownBy(() -> random.uniqueListOf(3, 3, r -> 1, Function.identity()))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("only 1 distinct");
    }

    @Test
    void stringsUseTheirAlphabetOrRange() {
        assertThat(draws(300, r -> r.string(1, 63, "abc019.-_"))).allSatisfy(s ->
                assertThat(s).hasSizeBetween(1, 63).matches("[abc019.\\-_]+"));
        assertThat(draws(300, r -> r.string(0, 85, ' ', '\uD7FF'))).allSatisfy(s -> assertThat(s.chars())
                .allSatisfy(c -> assertThat(c).isBetween((int) ' ', 0xD7FF)));
        assertThat(String.join("", draws(300, r -> r.string(0, 40, RandomValues.ALPHANUMERIC))))
                .contains("A", "z", "0", "9");
    }

    @Test
    void satisfyingFiltersAndGivesUpLoudly() {
        assertThat(draws(200, r -> r.satisfying(s -> s.intBetween(0, 100), i -> i % 2 == 0)))
                .allSatisfy(i -> assertThat(i % 2).isZero());
        long start = System.nanoTime();
        assertThatThrownBy(() -> random.satisfying(RandomValues::anyInt, i -> false))
                .isInstanceOf(IllegalStateException.class);
        assertThat(System.nanoTime() - start).isLessThan(TimeUnit.SECONDS.toNanos(5));
    }

    @Test
    void itsNameIsItsSeed() {
        assertThat(new RandomValues(0x2a)).hasToString("RandomValues[seed=0x000000000000002a]");
        assertThat(new RandomValues(0x2a).seed()).isEqualTo(0x2a);
    }
}
