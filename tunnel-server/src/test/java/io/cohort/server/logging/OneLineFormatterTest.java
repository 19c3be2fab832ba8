package io.cohort.server.logging;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OneLineFormatterTest {
    private final OneLineFormatter formatter = new OneLineFormatter();

    @Test
    void oneLineWithTimestampLevelShortNameAndMessage() {
        LogRecord r = new LogRecord(Level.INFO, "listening on {0}");
        r.setParameters(new Object[] {"0.0.0.0:1701"});
        r.setLoggerName("io.cohort.server.runtime.CohortServer");
        r.setInstant(Instant.parse("2026-11-24T08:29:05.123Z"));

        assertThat(formatter.format(r)).isEqualTo("2026-11-24T08:29:05.123Z INFO  CohortServer: listening on 0.0.0.0:1701\n");
    }

    @Test
    void throwableFollowsOnItsOwnLines() {
        LogRecord r = new LogRecord(Level.SEVERE, "boom");
        r.setLoggerName("x.Y");
        r.setThrown(new IllegalStateException("why"));

        String text = formatter.format(r);
        assertThat(text).contains(" ERROR Y: boom\njava.lang.IllegalStateException: why\n");
    }

    @ParameterizedTest
    @CsvSource({"SEVERE,ERROR", "WARNING,WARN", "INFO,INFO", "CONFIG,DEBUG", "FINE,DEBUG", "FINER,TRACE", "FINEST,TRACE"})
    void levelsUseTheConfigurationsNames(String jul, String name) {
        assertThat(OneLineFormatter.levelName(Level.parse(jul))).isEqualTo(name);
    }

    @Test
    void shortNames() {
        assertThat(OneLineFormatter.shortName("a.b.C")).isEqualTo("C");
        assertThat(OneLineFormatter.shortName("")).isEqualTo("root");
        assertThat(OneLineFormatter.shortName(null)).isEqualTo("root");
    }
}
