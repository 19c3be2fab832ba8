package io.cohort.client.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class SessionWatchTest {
    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    private final SessionWatch watch = SessionWatch.of(4, Duration.ofMillis(100), Duration.ofSeconds(5), now::get);

    private void advance(long millis) {
        now.addAndGet(Duration.ofMillis(millis).toNanos());
    }

    private void allAnswer() {
        for (int i = 0; i < 4; i++) {
            watch.answered(i);
        }
    }

    @Test
    void steadyAnswersLeaveGapsOfOneInterval() {
        for (int round = 0; round < 10; round++) {
            advance(100);
            allAnswer();
        }

        SessionWatch.Report report = watch.report();
        assertThat(report.sessions()).isEqualTo(4);
        assertThat(report.silent()).isZero();
        assertThat(report.maxGap()).isEqualTo(Duration.ofMillis(100));
    }

    @Test
    void aFailoverShowsAsTheLongestGapOfTheSessionsItTouched() {
        advance(100);
        allAnswer();
        advance(100);
        watch.answered(0);
        watch.answered(1);
        advance(700); // sessions 2 and 3 moved to another member
        allAnswer();

        SessionWatch.Report report = watch.report();
        assertThat(report.maxGap()).isEqualTo(Duration.ofMillis(800));
        assertThat(report.medianGap()).isEqualTo(Duration.ofMillis(700));
        assertThat(report.p99Gap()).isEqualTo(Duration.ofMillis(800));
        assertThat(report.silent()).isZero();
        assertThat(report.worst()).containsExactly(new SessionWatch.Gap(2, Duration.ofMillis(800)),
                new SessionWatch.Gap(3, Duration.ofMillis(800)), new SessionWatch.Gap(0, Duration.ofMillis(700)));
    }

    @Test
    void aSessionThatStopsAnsweringIsSilentAndItsGapRunsUntilNow() {
        advance(100);
        allAnswer();
        for (int round = 0; round < 60; round++) {
            advance(100);
            watch.answered(0);
            watch.answered(1);
            watch.answered(2);
        }

        SessionWatch.Report report = watch.report();
        assertThat(report.silent()).isEqualTo(1);
        assertThat(report.maxGap()).isEqualTo(Duration.ofMillis(6000));
    }

    @Test
    void eachReportStartsANewPeriod() {
        advance(900);
        allAnswer();
        assertThat(watch.report().maxGap()).isEqualTo(Duration.ofMillis(900));

        advance(100);
        allAnswer();
        assertThat(watch.report().maxGap()).isEqualTo(Duration.ofMillis(100));
    }
}
