package io.cohort.server.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.cohort.testsupport.FailingCaseReport;
import io.cohort.testsupport.SeededCases;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

@ExtendWith(FailingCaseReport.class)
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

    @ParameterizedTest
    @MethodSource("durations")
    void formatThenParseIsIdentity(long millis) {
        Duration d = Duration.ofMillis(millis);
        assertThat(DurationFormat.parse(DurationFormat.format(d))).contains(d);
    }

    static Stream<Arguments> durations() {
        return SeededCases.of(1000, random -> Arguments.of(random.longBetween(0, 999_999_999)));
    }
}
