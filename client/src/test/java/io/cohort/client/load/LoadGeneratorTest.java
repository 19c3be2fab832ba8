package io.cohort.client.load;

import static org.assertj.core.api.Assertions.assertThat;

import io.cohort.client.ClientOptions;
import io.cohort.client.TestLnsAccess;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The load generator briefly against the test LNS. */
class LoadGeneratorTest {

    @Test
    void measuresSetupsAndEchoThroughput() throws Exception {
        try (AutoCloseable lns = TestLnsAccess.startMsChapV2()) {
            ClientOptions options = ClientOptions.of(TestLnsAccess.address(lns), TestLnsAccess.USER,
                    TestLnsAccess.PASSWORD);
            LoadReport report = LoadGenerator.run(options,
                    new LoadSettings(50, 10, Duration.ofMillis(500), 1000, 0));

            System.out.println(report.summary());
            assertThat(report.sessions()).isEqualTo(50);
            assertThat(report.tunnels()).isEqualTo(5);
            assertThat(report.setupsPerSecond()).isPositive();
            assertThat(report.packetsSent()).isPositive();
            assertThat(report.packetsReceived()).isPositive().isLessThanOrEqualTo(report.packetsSent());
            assertThat(report.mbitPerSecond()).isPositive();
        }
    }

    /** The measurement README.md reports: 1000 concurrent set-ups, 10 per tunnel, then 2 s of echoes. */
    @Test
    void thousandSessions() throws Exception {
        try (AutoCloseable lns = TestLnsAccess.startMsChapV2()) {
            ClientOptions options = ClientOptions.of(TestLnsAccess.address(lns), TestLnsAccess.USER,
                    TestLnsAccess.PASSWORD).withSetupTimeout(Duration.ofSeconds(60));
            LoadReport report = LoadGenerator.run(options, new LoadSettings(1000, 10, Duration.ofSeconds(2), 1000, 0));

            System.out.println("1000-session run: " + report.summary());
            assertThat(report.sessions()).isEqualTo(1000);
            assertThat(report.packetsReceived()).isPositive();
        }
    }

    @Test
    void commandLinePrintsOneSummaryLine() throws Exception {
        try (AutoCloseable lns = TestLnsAccess.startMsChapV2()) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            PrintStream saved = System.out;
            int exit;
            try {
                System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
                exit = new CommandLine(new LoadGeneratorMain()).execute("--server",
                        "127.0.0.1:" + TestLnsAccess.address(lns).getPort(), "--user", TestLnsAccess.USER,
                        "--password", TestLnsAccess.PASSWORD, "--sessions", "20", "--per-tunnel", "5",
                        "--duration", "200ms", "--packet-size", "200", "--rate", "2000");
            } finally {
                System.setOut(saved);
            }
            String line = out.toString(StandardCharsets.UTF_8).strip();
            assertThat(exit).isZero();
            assertThat(line).startsWith("sessions=20 tunnels=4 ").contains("setups/s=").contains("Mbit/s")
                    .doesNotContain("\n").doesNotContain(TestLnsAccess.PASSWORD);
        }
    }

    @Test
    void durationTextAcceptsShortForms() {
        var c = new LoadGeneratorMain.DurationText();
        assertThat(c.convert("10s")).isEqualTo(Duration.ofSeconds(10));
        assertThat(c.convert("250ms")).isEqualTo(Duration.ofMillis(250));
        assertThat(c.convert("PT1M")).isEqualTo(Duration.ofMinutes(1));
    }
}
