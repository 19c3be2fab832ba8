package io.cohort.cluster.link;

import static org.assertj.core.api.Assertions.assertThat;

import io.cohort.cluster.member.MemberId;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import org.junit.jupiter.api.Test;

class SignedStampsTest {
    private static final Instant NOW = Instant.parse("2026-11-26T00:00:00Z");
    private static final long NOW_MICROS = NOW.getEpochSecond() * 1_000_000;
    private static final MemberId A = MemberId.of("a");
    private final SignedStamps stamps = new SignedStamps(InstantSource.fixed(NOW), Duration.ofSeconds(30));

    @Test
    void aReorderedStampIsTakenOnce_aRepeatOrOneOlderThanTheWindowNever() {
        assertThat(stamps.accept(A, NOW_MICROS)).isEqualTo(SignedStamps.Verdict.FRESH);
        assertThat(stamps.accept(A, NOW_MICROS - 500)).isEqualTo(SignedStamps.Verdict.FRESH); // overtaken on the way
        assertThat(stamps.accept(A, NOW_MICROS - 500)).isEqualTo(SignedStamps.Verdict.REPLAYED);
        assertThat(stamps.accept(A, NOW_MICROS)).isEqualTo(SignedStamps.Verdict.REPLAYED);
        assertThat(stamps.accept(A, NOW_MICROS - SignedStamps.REORDER_WINDOW_MICROS)).isEqualTo(SignedStamps.Verdict.REPLAYED);
        assertThat(stamps.accept(MemberId.of("b"), NOW_MICROS - 500)).isEqualTo(SignedStamps.Verdict.FRESH);
    }

    @Test
    void aStampFarFromOurClockIsSkewed() {
        assertThat(stamps.accept(A, NOW_MICROS - 31_000_000)).isEqualTo(SignedStamps.Verdict.SKEWED);
        assertThat(stamps.accept(A, NOW_MICROS + 31_000_000)).isEqualTo(SignedStamps.Verdict.SKEWED);
    }

    @Test
    void ourOwnStampsAlwaysGrow() {
        long first = stamps.next();
        assertThat(stamps.next()).isGreaterThan(first);
    }
}
