package io.cohort.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import io.cohort.time.VirtualScheduler;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.ResourceBundle;
import org.junit.jupiter.api.Test;

class RateLimitedLogTest {
    private final List<String> lines = new ArrayList<>();
    private final Logger capture = new Logger() {
        @Override public String getName() { return "test"; }
        @Override public boolean isLoggable(Level level) { return true; }
        @Override public void log(Level level, ResourceBundle bundle, String msg, Throwable thrown) { lines.add(msg); }
        @Override public void log(Level level, ResourceBundle bundle, String format, Object... params) { lines.add(format); }
    };

    @Test
    void limitsLinesPerKeyAndReportsSuppressedCount() {
        VirtualScheduler clock = new VirtualScheduler();
        RateLimitedLog log = new RateLimitedLog(capture, clock, Duration.ofSeconds(1), 2);
        for (int i = 0; i < 5; i++) {
            log.log(Level.WARNING, "k", "bad packet %d", i);
        }
        log.log(Level.WARNING, "other", "other key");
        assertThat(lines).containsExactly("bad packet 0", "bad packet 1", "other key");
        clock.advance(Duration.ofSeconds(1));
        log.log(Level.WARNING, "k", "bad packet %d", 9);
        assertThat(lines).last().isEqualTo("bad packet 9 (3 similar lines suppressed)");
    }

    @Test
    void countersAreCreatedOnDemandAndSnapshotSorted() {
        Counters c = new Counters();
        c.counter("b").add(2);
        c.counter("a").increment();
        assertThat(c.snapshot()).containsExactly(java.util.Map.entry("a", 1L), java.util.Map.entry("b", 2L));
        assertThat(c.get("missing")).isZero();
    }
}
