package io.cohort.server.status;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cohort.testsupport.FailingCaseReport;
import io.cohort.testsupport.SeededCases;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

@ExtendWith(FailingCaseReport.class)
class JsonWriterTest {
    @Test
    void writesNestedContainersWithCommas() {
        String json = new JsonWriter().beginObject()
                .name("a").value(1)
                .name("b").beginArray().value("x").value(true).nullValue().beginObject().endObject().endArray()
                .name("c").value((String) null)
                .endObject().toString();

        assertThat(json).isEqualTo("{\"a\":1,\"b\":[\"x\",true,null,{}],\"c\":null}");
    }

    @Test
    void emptyContainersAndTopLevelScalars() {
        assertThat(new JsonWriter().beginArray().endArray()).hasToString("[]");
        assertThat(new JsonWriter().value(-5)).hasToString("-5");
        assertThat(new JsonWriter().value("s")).hasToString("\"s\"");
    }

    static Stream<Arguments> escapes() {
        return Stream.of(
                Arguments.of("a\"b", "\"a\\\"b\""),
                Arguments.of("a\\b", "\"a\\\\b\""),
                Arguments.of("line\nnext", "\"line\\nnext\""),
                Arguments.of("tab\there", "\"tab\\there\""),
                Arguments.of("cr\r", "\"cr\\r\""),
                Arguments.of("\b\f", "\"\\b\\f\""),
                Arguments.of("\u0001", "\"\\u0001\""),
                Arguments.of("\u007f", "\"\u007f\""),
                Arguments.of("\u2028", "\"\\u2028\""),
                Arguments.of("é😀", "\"é😀\""));
    }

    @ParameterizedTest
    @MethodSource("escapes")
    void escapesStrings(String raw, String expected) {
        assertThat(new JsonWriter().value(raw).toString()).isEqualTo(expected);
    }

    @Test
    void loneSurrogatesAreEscaped() {
        assertThat(new JsonWriter().value("\uD800x").toString()).isEqualTo("\"\\ud800x\"");
        assertThat(new JsonWriter().value("x\uDC00").toString()).isEqualTo("\"x\\udc00\"");
    }

    @Test
    void misuseFailsLoudly() {
        assertThatThrownBy(() -> new JsonWriter().beginObject().value(1)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> new JsonWriter().beginArray().name("x")).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> new JsonWriter().beginArray().endObject()).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> new JsonWriter().beginObject().toString()).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> new JsonWriter().value(1).value(2)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> new JsonWriter().toString()).isInstanceOf(IllegalStateException.class);
    }

    /** Every string survives: decoding the escaped form gives it back, and no raw control character is left. */
    @ParameterizedTest
    @MethodSource("strings")
    void escapingRoundTrips(String raw) {
        String json = new JsonWriter().value(raw).toString();

        assertThat(json.chars().noneMatch(c -> c < 0x20)).isTrue();
        assertThat(decode(json)).isEqualTo(raw);
    }

    /**
     * Any UTF-16 string, lone surrogates included; a quarter of the characters are ASCII, where
     * the quotes, backslashes and control characters are.
     */
    static Stream<Arguments> strings() {
        return SeededCases.of(1000, random -> Arguments.of(random.string(0, 255,
                r -> r.chance(0.25) ? r.charBetween('\u0000', '\u007f') : r.charBetween('\u0000', '\uffff'))));
    }

    /** A JSON string literal decoder, written independently of the writer. */
    static String decode(String literal) {
        assertThat(literal).startsWith("\"").endsWith("\"");
        StringBuilder out = new StringBuilder();
        for (int i = 1; i < literal.length() - 1; i++) {
            char c = literal.charAt(i);
            if (c != '\\') {
                assertThat(c).isNotEqualTo('"');
                out.append(c);
                continue;
            }
            char e = literal.charAt(++i);
            switch (e) {
                case '"', '\\', '/' -> out.append(e);
                case 'n' -> out.append('\n');
                case 'r' -> out.append('\r');
                case 't' -> out.append('\t');
                case 'b' -> out.append('\b');
                case 'f' -> out.append('\f');
                case 'u' -> {
                    out.append((char) Integer.parseInt(literal.substring(i + 1, i + 5), 16));
                    i += 4;
                }
                default -> throw new AssertionError("bad escape \\" + e);
            }
        }
        return out.toString();
    }
}
