package io.cohort.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class OwnershipTimelineTest {
    private static final long M1 = 101;
    private static final long M2 = 102;

    private static OwnershipTimeline.Sample claim(String member, long pid, long start, long end, Integer... units) {
        return new OwnershipTimeline.Sample(member, pid, start, end, Optional.of(Set.of(units)));
    }

    private static OwnershipTimeline.Sample silent(String member, long pid, long start, long end) {
        return new OwnershipTimeline.Sample(member, pid, start, end, Optional.empty());
    }

    private static OwnershipTimeline.Report judge(OwnershipTimeline.Sample... samples) {
        return OwnershipTimeline.judge(List.of(samples), List.of());
    }

    @Test
    void aHandoverBetweenSamplesIsNoDoubleOwner() {
        OwnershipTimeline.Report r = judge(claim("m1", M1, 0, 5, 7), claim("m1", M1, 100, 105, 7),
                claim("m2", M2, 0, 5), claim("m2", M2, 100, 105), claim("m1", M1, 200, 205),
                claim("m2", M2, 200, 205, 7), claim("m2", M2, 300, 305, 7));

        assertThat(r.doubleOwners()).isEmpty();
        assertThat(r.unprovenOverlaps()).isZero();
        assertThat(r.samples()).isEqualTo(7);
    }

    @Test
    void aClaimInsideAnotherMembersCertainSpanIsADoubleOwner() {
        // m1 owns 7 from 5 (its first answer) to 200 (its next request); m2 claims it between 100 and 105.
        OwnershipTimeline.Report r = judge(claim("m1", M1, 0, 5, 7), claim("m1", M1, 200, 205, 7),
                claim("m2", M2, 100, 105, 7, 8));

        assertThat(r.doubleOwners()).containsExactly(new OwnershipTimeline.DoubleOwner(7, "m1", "m2", 100, 105));
    }

    @Test
    void theDescriptionGivesTheMembersAndTimesFromTheFirstSample() {
        long ms = 1_000_000;
        OwnershipTimeline.Report r = judge(claim("m2", M2, 1_000 * ms, 1_001 * ms, 5, 6),
                claim("m2", M2, 1_400 * ms, 1_401 * ms, 5, 6), claim("m1", M1, 1_100 * ms, 1_102 * ms, 5, 6));

        assertThat(r.describe(1)).isEqualTo(String.format(
                "  unit 5 owned by m1 and m2 at once from +100 ms to +102 ms%n  and 1 more%n"));
    }

    @Test
    void certainSpansThatOverlapAreADoubleOwnerEvenWhenNoWindowFitsInside() {
        OwnershipTimeline.Report r = judge(claim("m1", M1, 0, 50, 3), claim("m1", M1, 100, 150, 3),
                claim("m2", M2, 20, 70, 3), claim("m2", M2, 120, 170, 3));

        assertThat(r.doubleOwners()).extracting(OwnershipTimeline.DoubleOwner::unit).containsExactly(3);
    }

    @Test
    void claimsInOverlappingWindowsProveNothingAndAreCountedOnly() {
        // m1's last claim and m2's first claim were answered in windows that overlap: a handover
        // between the two instants explains them.
        OwnershipTimeline.Report r = judge(claim("m1", M1, 0, 5, 9), claim("m1", M1, 100, 110, 9),
                claim("m1", M1, 200, 205), claim("m2", M2, 0, 5), claim("m2", M2, 105, 115, 9),
                claim("m2", M2, 200, 205, 9));

        assertThat(r.doubleOwners()).isEmpty();
        assertThat(r.unprovenOverlaps()).isEqualTo(1);
    }

    @Test
    void anUnansweredSampleBreaksTheCertainSpan() {
        // m1 did not answer at 100: it may have let unit 4 go and taken it back, so m2's claim proves nothing.
        OwnershipTimeline.Report r = judge(claim("m1", M1, 0, 5, 4), silent("m1", M1, 100, 5_000),
                claim("m1", M1, 5_100, 5_105, 4), claim("m2", M2, 2_000, 2_005, 4));

        assertThat(r.doubleOwners()).isEmpty();
        assertThat(r.unanswered()).isEqualTo(1);
    }

    @Test
    void aRestartedMemberIsANewSeriesNotADoubleOwnerWithItself() {
        OwnershipTimeline.Report r = judge(claim("m1", M1, 0, 5, 1), claim("m1", M1, 100, 105, 1),
                claim("m1", 999, 50, 55, 1), claim("m1", 999, 150, 155, 1));

        assertThat(r.doubleOwners()).isEmpty();
    }

    @Test
    void theSkewIsTheWidestSpreadOfRequestTimesInARound() {
        OwnershipTimeline.Report r = OwnershipTimeline.judge(List.of(), List.of(List.of(10L, 12L, 11L),
                List.of(100L, 130L), List.of()));

        assertThat(r.maxSkew()).isEqualTo(30);
    }
}
