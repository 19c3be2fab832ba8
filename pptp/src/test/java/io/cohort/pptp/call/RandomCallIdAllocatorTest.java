package io.cohort.pptp.call;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cohort.testsupport.FailingCaseReport;
import io.cohort.testsupport.SeededCases;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

@ExtendWith(FailingCaseReport.class)
class RandomCallIdAllocatorTest {

    @Test
    void handsOutEveryIdExceptZeroExactlyOnce() {
        RandomCallIdAllocator a = new RandomCallIdAllocator(new Random(1));
        Set<Integer> seen = new HashSet<>();
        for (int i = 0; i < 0xFFFF; i++) {
            int id = a.allocate().orElseThrow();
            assertThat(id).isBetween(1, 0xFFFF);
            assertThat(seen.add(id)).isTrue();
        }

        assertThat(a.allocate()).isEmpty();
        assertThat(a.allocated()).isEqualTo(0xFFFF);
    }

    @Test
    void aClaimedIdIsInUseAndNeverHandedOut() {
        RandomCallIdAllocator a = new RandomCallIdAllocator(new Random(3), id -> id <= 2);

        assertThat(a.claim(1)).isTrue();
        assertThat(a.claim(1)).isFalse();
        assertThat(a.inUse(1)).isTrue();
        assertThat(a.allocated()).isEqualTo(1);
        assertThat(a.allocate()).hasValue(2);
        assertThat(a.allocate()).isEmpty();
        a.release(1);
        assertThat(a.allocate()).hasValue(1);
        assertThatThrownBy(() -> a.claim(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> a.claim(0x10000)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void releasedIdsCanBeHandedOutAgain() {
        RandomCallIdAllocator a = new RandomCallIdAllocator(new Random(2), id -> id <= 3);
        int x = a.allocate().orElseThrow();
        a.allocate().orElseThrow();
        a.allocate().orElseThrow();
        assertThat(a.allocate()).isEmpty();

        a.release(x);

        assertThat(a.inUse(x)).isFalse();
        assertThat(a.allocate()).hasValue(x);
    }

    static Stream<Arguments> modulusAndSeed() {
        return SeededCases.of(200, r -> Arguments.of(r.intBetween(2, 64), r.anyLong()));
    }

    @ParameterizedTest
    @MethodSource("modulusAndSeed")
    void onlyEligibleIdsAreHandedOut(int modulus, long seed) {
        RandomCallIdAllocator a = new RandomCallIdAllocator(new Random(seed), id -> id % modulus == 0);
        for (int i = 0; i < 100; i++) {
            int id = a.allocate().orElseThrow();
            assertThat(id % modulus).isZero();
            assertThat(a.inUse(id)).isTrue();
        }
    }

    @Test
    void releasingAnIdNotInUseIsAProgrammingError() {
        RandomCallIdAllocator a = new RandomCallIdAllocator(new Random(3));

        assertThatThrownBy(() -> a.release(5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> a.release(0)).isInstanceOf(IllegalArgumentException.class);
    }
}
