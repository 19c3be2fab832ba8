package io.cohort.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** A table finds each constant by its code and nothing else; a shared code is a programming error. */
class CodeTableTest {
    enum Sparse implements CodePoint {
        ONE(1, "one"), FIVE(5, "five"), ZERO(0, "zero");

        private final Definition definition;

        Sparse(int code, String description) {
            definition = new Definition(code, description);
        }

        @Override
        public Definition definition() {
            return definition;
        }
    }

    enum Clash implements CodePoint {
        ONE(1, "one"), ALSO_ONE(1, "also one");

        private final Definition definition;

        Clash(int code, String description) {
            definition = new Definition(code, description);
        }

        @Override
        public Definition definition() {
            return definition;
        }
    }

    enum Empty implements CodePoint {
        ;

        @Override
        public Definition definition() {
            throw new AssertionError("no constants");
        }
    }

    @Test
    void everyCodeFindsItsConstantAndNoOtherCodeFindsAnything() {
        CodeTable<Sparse> table = new CodeTable<>(Sparse.values());
        for (Sparse s : Sparse.values()) {
            assertThat(table.of(s.code())).contains(s);
        }
        IntStream.of(-1, 2, 3, 4, 6, 300).forEach(i -> assertThat(table.of(i)).as("code %d", i).isEmpty());
        assertThat(table.of(Integer.MAX_VALUE)).isEmpty();
        assertThat(table.of(Integer.MIN_VALUE)).isEmpty();
    }

    @Test
    void aConstantKnowsItsCodeAndItsWords() {
        assertThat(Sparse.FIVE.code()).isEqualTo(5);
        assertThat(Sparse.FIVE.description()).isEqualTo("five");
    }

    @Test
    void duplicateCodesAreProgrammingErrors() {
        assertThatThrownBy(() -> new CodeTable<>(Clash.values())).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("ALSO_ONE").hasMessageContaining("taken by ONE");
    }

    @Test
    void anEmptyEnumFindsNothing() {
        assertThat(new CodeTable<>(Empty.values()).of(0)).isEqualTo(Optional.empty());
    }

    @Test
    void aDefinitionNeedsACodeThatIsNotNegativeAndWords() {
        assertThatThrownBy(() -> new CodePoint.Definition(-1, "minus")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("-1");
        assertThatThrownBy(() -> new CodePoint.Definition(1, " ")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new CodePoint.Definition(1, null)).isInstanceOf(NullPointerException.class);
    }
}
