package io.cohort.steering.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class NftablesTest {

    @Test
    void errorsShowTheScriptWithLineNumbers() {
        assertThat(Nftables.numbered("add table inet a\nflush ruleset\n")).isEqualTo("""
                   1  add table inet a
                   2  flush ruleset
                """);
    }

    @Test
    void longScriptsAreCutShort() {
        String script = IntStream.range(0, 50).mapToObj(i -> "x".repeat(i == 0 ? 300 : 1)).collect(Collectors.joining("\n"));

        String shown = Nftables.numbered(script);

        assertThat(shown.lines()).hasSize(41);
        assertThat(shown.lines().findFirst().orElseThrow()).hasSize(6 + 160 + 3).endsWith("...");
        assertThat(shown).endsWith("      (10 more lines)\n");
    }
}
