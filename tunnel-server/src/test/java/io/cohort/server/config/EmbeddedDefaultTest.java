package io.cohort.server.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The embedded default is the operator's documentation: every key carries a comment. */
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
}
