package io.cohort.testbed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PeerProcessTest {
    @TempDir
    Path dir;

    @Test
    void awaitsALogLineWrittenLater() {
        try (PeerProcess p = PeerProcess.start(List.of("sh", "-c", "echo starting; sleep 0.3; echo ready on port 1701; sleep 30"),
                dir.resolve("p.log"))) {
            String line = p.awaitLogLine(Pattern.compile("ready on port (\\d+)"), Duration.ofSeconds(10));
            assertThat(line).isEqualTo("ready on port 1701");
            assertThat(p.log()).startsWith("starting");
        }
    }

    @Test
    void failsFastWhenTheProcessExitsWithoutTheLine() {
        try (PeerProcess p = PeerProcess.start(List.of("sh", "-c", "echo fatal: no config >&2; exit 2"), dir.resolve("p.log"))) {
            assertThatThrownBy(() -> p.awaitLogLine(Pattern.compile("ready"), Duration.ofSeconds(30)))
                    .isInstanceOf(TestbedException.class)
                    .hasMessageContaining("exited with 2")
                    .hasMessageContaining("fatal: no config");
        }
    }

    @Test
    void timesOutWithTheLogInTheMessage() {
        try (PeerProcess p = PeerProcess.start(List.of("sh", "-c", "echo waiting; sleep 30"), dir.resolve("p.log"))) {
            assertThatThrownBy(() -> p.awaitLogLine(Pattern.compile("ready"), Duration.ofMillis(300)))
                    .isInstanceOf(TestbedException.class)
                    .hasMessageContaining("waiting");
        }
    }

    @Test
    void closeKillsTheWholeProcessTree() {
        PeerProcess p = PeerProcess.start(List.of("sh", "-c", "sleep 30 & echo child $!; wait"), dir.resolve("p.log"));
        String line = p.awaitLogLine(Pattern.compile("child \\d+"), Duration.ofSeconds(10));
        long child = Long.parseLong(line.substring("child ".length()));
        p.close();
        assertThat(p.isAlive()).isFalse();
        assertThat(ProcessHandle.of(child).map(PeerProcess::running).orElse(false)).isFalse();
    }
}
