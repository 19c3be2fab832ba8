package io.cohort.cluster.keepalive;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class WatchdogTest {
    private static final long MS = 1_000_000;

    @Test
    void expiresOnlyMoreThanTheTimeoutAfterTheLastReset() {
        Watchdog watchdog = new Watchdog(Duration.ofMillis(200), 0);

        assertThat(watchdog.expired(200 * MS)).isFalse();
        assertThat(watchdog.expired(200 * MS + 1)).isTrue();

        watchdog.reset(150 * MS);

        assertThat(watchdog.expired(350 * MS)).isFalse();
        assertThat(watchdog.deadline()).isEqualTo(350 * MS);
        assertThat(watchdog.expired(350 * MS + 1)).isTrue();
    }

    @Test
    void worksAcrossTheSignOfTheMonotonicClock() {
        Watchdog watchdog = new Watchdog(Duration.ofMillis(200), Long.MAX_VALUE - 100 * MS);

        assertThat(watchdog.expired(Long.MAX_VALUE)).isFalse();
        assertThat(watchdog.expired(Long.MIN_VALUE + 100 * MS + 1)).isTrue();
    }
}
