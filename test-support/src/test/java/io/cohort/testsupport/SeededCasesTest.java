package io.cohort.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.Arguments.ArgumentSet;

class SeededCasesTest {
    private static final Optional<String> NO_REPLAY = Optional.empty();

    private static List<ArgumentSet> cases(int tries, Optional<String> replay) {
        return SeededCases.of(tries, r -> Arguments.of(r.seed(), HexFormat.of().formatHex(r.bytes(0, 30))), replay)
                .map(ArgumentSet.class::cast).toList();
    }

    @Test
    void oneCasePerTryEachNamedAfterItsOwnSeed() {
        List<ArgumentSet> cases = cases(500, NO_REPLAY);

        assertThat(cases).hasSize(500);
        assertThat(cases).allSatisfy(c -> assertThat(c.getName()).isEqualTo(CaseSeed.name((long) c.get()[0])));
        assertThat(cases.stream().map(ArgumentSet::getName).distinct()).hasSize(500);
    }

    @Test
    void everyRunDrawsFreshSeeds() {
        assertThat(cases(20, NO_REPLAY).getFirst().getName()).isNotEqualTo(cases(20, NO_REPLAY).getFirst().getName());
    }

    @Test
    void aReplayedSeedIsTheOnlyCaseAndHasTheValuesItHadBefore() {
        ArgumentSet original = cases(50, NO_REPLAY).get(37);

        List<ArgumentSet> replayed = cases(50, Optional.of(CaseSeed.format((long) original.get()[0])));

        assertThat(replayed).hasSize(1);
        assertThat(replayed.getFirst().getName()).isEqualTo(original.getName());
        assertThat(replayed.getFirst().get()).containsExactly(original.get());
    }

    @Test
    void aDecimalReplaySeedWorksToo() {
        assertThat(cases(5, Optional.of("-3")).getFirst().getName()).isEqualTo(CaseSeed.name(-3));
    }

    @Test
    void aGeneratorThatThrowsIsReportedWithItsSeed() {
        assertThatThrownBy(() -> SeededCases.of(1, r -> {
            throw new IllegalArgumentException("bad range");
        }, Optional.of("0x10")).toList())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("seed=0x0000000000000010")
                .hasRootCauseMessage("bad range");
    }

    @Test
    void atLeastOneTry() {
        assertThatThrownBy(() -> SeededCases.of(0, r -> Arguments.of(1), NO_REPLAY))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
