package io.cohort.server.status;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TextTableTest {
    @Test
    void alignsColumnsAndRightAlignsNumbers() {
        String text = new TextTable("NAME", "#COUNT", "NOTE")
                .row("l2tp.rx", "12345", "")
                .row("x", "7", "short")
                .render();

        assertThat(text).isEqualTo("""
                NAME     COUNT  NOTE
                l2tp.rx  12345
                x            7  short
                """);
    }

    @Test
    void emptyTableIsJustTheHeader() {
        TextTable t = new TextTable("A", "B");
        assertThat(t.isEmpty()).isTrue();
        assertThat(t.render()).isEqualTo("A  B\n");
    }

    @Test
    void rowMustMatchTheColumns() {
        assertThatThrownBy(() -> new TextTable("A", "B").row("1")).isInstanceOf(IllegalArgumentException.class);
    }
}
