package io.cohort.testbed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class CommandTest {
    @Test
    void capturesExitStatusAndMergedOutput() {
        CommandResult result = Command.run("sh", "-c", "echo out; echo err >&2; exit 3");
        assertThat(result.exitCode()).isEqualTo(3);
        assertThat(result.output()).contains("out").contains("err");
        assertThat(result.succeeded()).isFalse();
    }

    @Test
    void orThrowNamesTheCommandAndItsOutput() {
        assertThatThrownBy(() -> Command.run("sh", "-c", "echo boom; exit 1").orThrow())
                .isInstanceOf(TestbedException.class)
                .hasMessageContaining("sh -c")
                .hasMessageContaining("boom");
    }

    @Test
    void killsCommandsThatOutliveTheirTimeout() {
        long start = System.nanoTime();
        assertThatThrownBy(() -> Command.run(Duration.ofMillis(200), List.of("sleep", "30")))
                .isInstanceOf(TestbedException.class)
                .hasMessageContaining("did not finish");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
    }

    @Test
    void missingProgramIsAClearFailure() {
        assertThatThrownBy(() -> Command.run("/nonexistent/program"))
                .isInstanceOf(TestbedException.class)
                .hasMessageContaining("/nonexistent/program");
    }
}
