package io.cohort.cluster.balance;

import static org.assertj.core.api.Assertions.assertThat;

import io.cohort.cluster.member.MemberId;
import io.cohort.cluster.unit.WorkUnit;
import io.cohort.testsupport.FailingCaseReport;
import io.cohort.testsupport.SeededCases;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

@ExtendWith(FailingCaseReport.class)
class LoadBalancerTest {

    /**
     * An assignment written as "member=units" entries, units as "0-3,9"; e.g. "a=0-4 b=5 c=".
     */
    static WorkUnitAssignment assignment(String spec) {
        TreeSet<MemberId> members = new TreeSet<>();
        Map<WorkUnit, MemberId> owners = new HashMap<>();
        for (String entry : spec.trim().split("\\s+")) {
            String[] kv = entry.split("=", -1);
            MemberId member = MemberId.of(kv[0]);
            members.add(member);
            for (String range : kv[1].isEmpty() ? new String[0] : kv[1].split(",")) {
                String[] ends = range.split("-");
                int from = Integer.parseInt(ends[0]);
                int to = Integer.parseInt(ends[ends.length - 1]);
                for (int u = from; u <= to; u++) {
                    owners.put(WorkUnit.of(u), member);
                }
            }
        }
        return new WorkUnitAssignment(members, owners);
    }

    static Stream<Arguments> moves() {
        return Stream.of(
                // spec, expected move as "unit from to" or "none"
                Arguments.of("a=0-4 b=5-8", "none"), // 5 vs 4: a move would only swap them
                Arguments.of("a=0-4 b=5-9", "none"), // equal
                Arguments.of("a=0-5 b=6-9", "0 a b"), // 6 vs 4 -> 5 vs 5
                Arguments.of("a=10,3,7 b=", "3 a b"), // lowest-numbered unit of the most loaded
                Arguments.of("a= b=0-3 c=4-7", "0 b a"), // ties for most loaded: first by name
                Arguments.of("a=0-2 b=3-5 c= d=", "0 a c"), // ties for least loaded: first by name
                Arguments.of("a=", "none"),
                Arguments.of("a=0-1023 b= c=", "0 a b"));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("moves")
    void movesOneUnitFromMostToLeastLoadedOnlyWhenThatHelps(String spec, String expected) {
        Optional<UnitMove> move = LoadBalancer.nextMove(assignment(spec));

        if (expected.equals("none")) {
            assertThat(move).isEmpty();
        } else {
            String[] e = expected.split(" ");
            assertThat(move).hasValue(new UnitMove(WorkUnit.of(Integer.parseInt(e[0])), MemberId.of(e[1]), MemberId.of(e[2])));
        }
    }

    static Stream<Arguments> leastLoaded() {
        return Stream.of(
                Arguments.of("a=0-2 b=3 c=4-5", "b"),
                Arguments.of("b=0 a=1 c=", "c"),
                Arguments.of("c=0 b=1 a=2", "a"), // all equal: first by name
                Arguments.of("m2= m1=", "m1"));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("leastLoaded")
    void anUnassignedUnitGoesToTheLeastLoadedMember(String spec, String expected) {
        assertThat(LoadBalancer.leastLoaded(assignment(spec))).hasValue(MemberId.of(expected));
    }

    @Test
    void noMembersNoDecision() {
        WorkUnitAssignment empty = new WorkUnitAssignment(new TreeSet<>(), Map.of());

        assertThat(LoadBalancer.leastLoaded(empty)).isEmpty();
        assertThat(LoadBalancer.nextMove(empty)).isEmpty();
    }

    /**
     * Applying moves until none is proposed ends (each move lowers the sum of squared loads) with
     * loads that differ by at most one, and never moves a unit to a member with as many units.
     */
    static Stream<Arguments> loadsAndExtraMembers() {
        return SeededCases.of(200, r -> Arguments.of(
                r.listOf(1, 8, s -> s.anyInt()).stream().mapToInt(i -> i).toArray(), r.intBetween(0, 5)));
    }

    @ParameterizedTest
    @MethodSource("loadsAndExtraMembers")
    void repeatedMovesEvenTheLoad(int[] loads, int extraMembers) {
        int[] clipped = Arrays.stream(loads).map(l -> Math.floorMod(l, 120)).toArray();
        StringBuilder spec = new StringBuilder();
        int unit = 0;
        for (int m = 0; m < clipped.length + extraMembers; m++) {
            spec.append(" m").append(m).append('=');
            int load = m < clipped.length ? clipped[m] : 0;
            if (load > 0) {
                spec.append(unit).append('-').append(unit + load - 1);
                unit += load;
            }
        }
        WorkUnitAssignment a = assignment(spec.toString());

        for (Optional<UnitMove> move = LoadBalancer.nextMove(a); move.isPresent(); move = LoadBalancer.nextMove(a)) {
            UnitMove m = move.get();
            assertThat(a.load(m.from()) - a.load(m.to())).isGreaterThanOrEqualTo(2);
            assertThat(a.owner(m.unit())).hasValue(m.from());
            a = a.with(m.unit(), m.to());
        }

        WorkUnitAssignment last = a;
        int max = last.members().stream().mapToInt(last::load).max().orElseThrow();
        int min = last.members().stream().mapToInt(last::load).min().orElseThrow();
        assertThat(max - min).isLessThanOrEqualTo(1);
    }
}
