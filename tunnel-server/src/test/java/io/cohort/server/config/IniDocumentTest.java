package io.cohort.server.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class IniDocumentTest {
    private final List<ConfigError> errors = new ArrayList<>();
    private final IniDocument base = IniDocument.read("[a]\nx = 1\ny = 2\n[b]\nz = 3\n", "base", errors);

    @Test
    void readsSectionsAndValuesWithTheirSource() {
        assertThat(base.sections().get("a").get("x")).isEqualTo(new IniDocument.RawValue("1", "base", 1));
        assertThat(base.sections().keySet()).containsExactly("a", "b");
        assertThat(errors).isEmpty();
    }

    @Test
    void overrideReplacesOnlyTheKeysItHas() {
        IniDocument merged = IniDocument.read("[a]\ny = 20\n", "file", errors).mergedOver(base, errors);

        assertThat(merged.sections().get("a").get("x")).isEqualTo(new IniDocument.RawValue("1", "base", 1));
        assertThat(merged.sections().get("a").get("y")).isEqualTo(new IniDocument.RawValue("20", "file", 1));
        assertThat(merged.sections().get("b").get("z").text()).isEqualTo("3");
        assertThat(errors).isEmpty();
    }

    @Test
    void repeatedKeysAreCounted() {
        IniDocument doc = IniDocument.read("[a]\nx = 1\nx = 2\n", "file", errors);

        assertThat(doc.sections().get("a").get("x")).isEqualTo(new IniDocument.RawValue("1", "file", 2));
    }

    @Test
    void unknownSectionsKeysAndSectionlessKeysAreReportedAndDropped() {
        IniDocument merged = IniDocument.read("top = 1\n[a]\nw = 0\n[c]\n", "file", errors).mergedOver(base, errors);

        assertThat(errors).extracting(ConfigError::toString).containsExactly(
                "file: (none).top: key outside any section; put it under its [section]",
                "file: a.w: unknown key; known keys in [a]: x, y",
                "file: [c]: unknown section; known sections: a, b");
        assertThat(merged.sections().get("a")).doesNotContainKey("w");
        assertThat(merged.sections()).doesNotContainKey("c");
    }

    @Test
    void emptyValueIsEmptyText() {
        IniDocument doc = IniDocument.read("[a]\nx =\n", "file", errors);

        assertThat(doc.sections().get("a").get("x").text()).isEmpty();
    }
}
