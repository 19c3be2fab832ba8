package io.cohort.cluster.unit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cohort.testsupport.FailingCaseReport;
import io.cohort.testsupport.SeededCases;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

@ExtendWith(FailingCaseReport.class)
class UnitRangeTest {
    @Test
    void consecutiveUnitsBecomeOneRun() {
        List<UnitRange> runs = UnitRange.of(units(0, 1, 2, 12, 40, 42, 43));

        assertThat(runs).containsExactly(new UnitRange(0, 2), new UnitRange(12, 12), new UnitRange(40, 40),
                new UnitRange(42, 43));
        assertThat(UnitRange.text(runs)).isEqualTo("0-2,12,40,42-43");
        assertThat(runs.get(0).size()).isEqualTo(3);
    }

    @Test
    void noUnitsAreNoRunsShownAsADash() {
        assertThat(UnitRange.of(Set.of())).isEmpty();
        assertThat(UnitRange.text(List.of())).isEqualTo("-");
    }

    @Test
    void aRangeStaysInsideTheUnitsAndInOrder() {
        assertThatThrownBy(() -> new UnitRange(-1, 3)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new UnitRange(0, WorkUnit.COUNT)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new UnitRange(5, 4)).isInstanceOf(IllegalArgumentException.class);
    }

    /** Sets of units from empty to full, at a random density. */
    static Stream<Arguments> unitSets() {
        return SeededCases.of(300, r -> {
            double density = r.doubleBetween(0, 1);
            return Arguments.of(IntStream.range(0, WorkUnit.COUNT).filter(u -> r.chance(density)).boxed()
                    .collect(Collectors.toCollection(TreeSet::new)));
        });
    }

    @ParameterizedTest
    @MethodSource("unitSets")
    void anySetOfUnitsSurvivesRunsAndBack(TreeSet<Integer> values) {
        List<UnitRange> runs = UnitRange.of(values.stream().map(WorkUnit::of).toList());

        assertThat(UnitRange.values(runs)).isEqualTo(values);
        for (int i = 1; i < runs.size(); i++) {
            assertThat(runs.get(i).first()).as("runs are separated").isGreaterThan(runs.get(i - 1).last() + 1);
        }
    }

    private static Set<WorkUnit> units(int... values) {
        return IntStream.of(values).mapToObj(WorkUnit::of).collect(Collectors.toSet());
    }
}
