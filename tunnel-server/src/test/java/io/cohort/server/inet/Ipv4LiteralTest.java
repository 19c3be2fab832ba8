package io.cohort.server.inet;

import static org.assertj.core.api.Assertions.assertThat;

import io.cohort.testsupport.FailingCaseReport;
import io.cohort.testsupport.SeededCases;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

@ExtendWith(FailingCaseReport.class)
class Ipv4LiteralTest {
    @ParameterizedTest
    @CsvSource({"0.0.0.0,0", "192.0.2.1,-1073741311", "255.255.255.255,-1", "10.99.0.1,174260225"})
    void parsesDottedQuads(String text, int value) {
        assertThat(Ipv4Literal.parse(text)).hasValueSatisfying(a -> {
            assertThat(a.getHostAddress()).isEqualTo(text);
            assertThat(Ipv4Literal.toInt(a)).isEqualTo(value);
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "1.2.3", "1.2.3.4.5", "256.0.0.1", "01.2.3.4", "1..2.3", "a.b.c.d", "localhost",
            "1.2.3.4 ", "+1.2.3.4", "::1", "1.2.3.1000"})
    void rejectsAnythingElseWithoutLookingItUp(String text) {
        assertThat(Ipv4Literal.parse(text)).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("ints")
    void intRoundTrip(int value) {
        assertThat(Ipv4Literal.toInt(Ipv4Literal.fromInt(value))).isEqualTo(value);
        assertThat(Ipv4Literal.parse(Ipv4Literal.fromInt(value).getHostAddress())).contains(Ipv4Literal.fromInt(value));
    }

    static Stream<Arguments> ints() {
        return SeededCases.of(1000, random -> Arguments.of(random.anyInt()));
    }
}
