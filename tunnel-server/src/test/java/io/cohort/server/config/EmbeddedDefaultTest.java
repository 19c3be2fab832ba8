package io.cohort.server.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The embedded default is the operator's documentation: every key carries a comment, and every
 * value it documents is the code's default ({@link CohortConfig#DEFAULT}).
 */
class EmbeddedDefaultTest {
    @Test
    void everyKeyIsPrecededByAComment() {
        List<String> undocumented = new ArrayList<>();
        String previous = "";
        for (String line : ConfigLoader.embeddedDefaultText().split("\n")) {
            String l = line.strip();
            boolean isKey = !l.isEmpty() && !l.startsWith("#") && !l.startsWith(";") && !l.startsWith("[");
            if (isKey && !previous.startsWith("#")) {
                undocumented.add(l);
            }
            previous = l;
        }
        assertThat(undocumented).isEmpty();
    }

    @Test
    void coversEverySection() {
        assertThat(ConfigLoader.embeddedDefaultText())
                .contains("[server]", "[l2tp]", "[limits]", "[ppp]", "[pool]", "[tun]", "[users]", "[control]", "[cluster]", "[log]");
    }

    /**
     * Each section of {@code cohort.ini} is a component of {@link CohortConfig} and each of its
     * keys a component of that section's record ({@code max-tunnels} is {@code maxTunnels},
     * {@code interface} is {@code interfaceName}), with nothing left over on either side; and the
     * value the file documents for each key is the record's default. A key added to the file
     * without its component and default, or a default changed on one side only, fails here.
     */
    @Test
    void everyDocumentedDefaultIsTheCodesDefault() throws Exception {
        List<ConfigError> errors = new ArrayList<>();
        IniDocument ini = IniDocument.read(ConfigLoader.embeddedDefaultText(), ConfigLoader.EMBEDDED_SOURCE, errors);
        CohortConfig documented = ConfigLoader.embeddedDefault();
        Map<String, RecordComponent> sections = components(CohortConfig.class);
        List<String> disagreements = new ArrayList<>();

        assertThat(errors).isEmpty();
        assertThat(ini.sections().keySet()).containsExactlyInAnyOrderElementsOf(sections.keySet());
        for (var section : ini.sections().entrySet()) {
            RecordComponent sectionComponent = sections.get(section.getKey());
            Map<String, RecordComponent> keys = components(sectionComponent.getType());
            assertThat(section.getValue().keySet()).as("the keys of [%s]", section.getKey())
                    .containsExactlyInAnyOrderElementsOf(keys.keySet());
            Object documentedSection = sectionComponent.getAccessor().invoke(documented);
            Object codeSection = sectionComponent.getAccessor().invoke(CohortConfig.DEFAULT);
            for (String key : section.getValue().keySet()) {
                Object fromFile = keys.get(key).getAccessor().invoke(documentedSection);
                Object fromCode = keys.get(key).getAccessor().invoke(codeSection);
                if (!fromFile.equals(fromCode)) {
                    disagreements.add(section.getKey() + "." + key + ": cohort.ini says " + fromFile
                            + ", the code " + fromCode);
                }
            }
        }

        assertThat(disagreements).isEmpty();
        assertThat(documented).isEqualTo(CohortConfig.DEFAULT);
    }

    /** A record's components by the configuration key they stand for. */
    private static Map<String, RecordComponent> components(Class<?> record) {
        return Arrays.stream(record.getRecordComponents())
                .collect(Collectors.toMap(c -> key(c.getName()), c -> c));
    }

    /** {@code maxTunnels} → {@code max-tunnels}; {@code interfaceName} → {@code interface} (a Java keyword). */
    private static String key(String componentName) {
        if (componentName.equals("interfaceName")) {
            return "interface";
        }
        return componentName.replaceAll("([A-Z])", "-$1").toLowerCase(Locale.ROOT);
    }
}
