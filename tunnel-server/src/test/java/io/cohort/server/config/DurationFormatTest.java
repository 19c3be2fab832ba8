package io.cohort.server.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DurationFormatTest {
    @ParameterizedTest
    @CsvSource({"500ms,500", "30s,30000", "2m,120000", "1h,3600000", "0s,0", "0ms,0"})
    void parses(String text, long millis) {
        assertThat(DurationFormat.parse(text)).contains(Duration.ofMillis(millis));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "30", "s", "1.5s", "-1s", "30 s", "30S", "1d", "1m30s", "9999999999s"})
    void rejects(String text) {
        assertThat(DurationFormat.parse(text)).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({"90000,90s", "120000,2m", "7200000,2h", "1500,1500ms", "0,0s"})
    void formatsShortestExactForm(long millis, String text) {
        assertThat(DurationFormat.format(Duration.ofMillis(millis))).isEqualTo(text);
    }

    @Property
    void formatThenParseIsIdentity(@ForAll @LongRange(min = 0, max = 999_999_999) long millis) {
        Duration d = Duration.ofMillis(millis);
        assertThat(DurationFormat.parse(DurationFormat.format(d))).contains(d);
    }
}
