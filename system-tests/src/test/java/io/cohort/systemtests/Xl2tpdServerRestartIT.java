package io.cohort.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Stock xl2tpd 1.3.18 as the LAC, the packaged server as the LNS, which is killed (SIGKILL: no
 * StopCCN) with a call just set up, so that xl2tpd still has control messages to deliver (its
 * ICCN, and the CDN it sends when its pppd fails). Compared: the server started again with no
 * state, which answers each of them (within its budget) with a StopCCN for a tunnel it does not
 * know (Tunnel ID 0, the tunnel named by its Assigned Tunnel ID AVP: RFC 2661 4.4.3, 6.4), and no
 * server at all.
 *
 * <p>What xl2tpd does with the answer: it reads it, but names tunnels by the header's Tunnel ID
 * only (network.c {@code get_call}: Tunnel ID 0 allocates a fresh tunnel, whose StopCCN handling
 * in control.c then closes that fresh one), so its log shows a tunnel with "Remote: -1" closed with
 * our Result Code message, and its real tunnel lives on until its own retransmissions run out,
 * exactly as with no server. xl2tpd acknowledges each answer with a ZLB to our Tunnel ID, which
 * the server does not answer: no ping-pong. The in-repo LAC, which follows 4.4.3, ends its
 * session within milliseconds instead ({@code L2tpRestartIT} in tunnel-server).
 */
class Xl2tpdServerRestartIT {
    private static final Duration SETUP = Duration.ofSeconds(20);
    private static final Duration RETRANSMISSIONS = Duration.ofSeconds(60);
    private static final Pattern REAL_TUNNEL_CLOSED = Pattern.compile("Maximum retries exceeded for tunnel \\d+");
    private static final Pattern ANSWER_READ = Pattern.compile(
            "Connection closed to " + Pattern.quote(StockXl2tpdIT.SERVER) + ", port 1701 \\(no such tunnel here");
    private static final Pattern ANSWERED = Pattern.compile(
            "StopCCN to /" + Pattern.quote(StockXl2tpdIT.CLIENT) + ":\\d+: tunnel \\d+ is unknown here");

    @TempDir
    Path dir;

    @BeforeEach
    void preconditions() {
        LacAndLns.assumeRunnable();
    }

    @Test
    void aRestartedServerAnswersXl2tpdWhichReadsTheAnswerAndDropsItsTunnelWhenItsRetransmissionsRunOut() {
        String ini = StockXl2tpdIT.serverIni("", false);
        try (LacAndLns pair = LacAndLns.create();
             CohortProcess first = pair.startServer(dir.resolve("first"), ini);
             Xl2tpdLac lac = pair.startLac(dir.resolve("lac"), "", false, false)) {
            lac.awaitLogLine(Xl2tpdLac.CALL_UP, SETUP);
            first.kill();
            long killed = System.nanoTime();
            try (CohortProcess restarted = pair.startServer(dir.resolve("restarted"), ini)) {
                restarted.awaitLogLine(ANSWERED, RETRANSMISSIONS);
                long answered = System.nanoTime();
                lac.awaitLogLine(ANSWER_READ, SETUP);
                lac.awaitLogLine(REAL_TUNNEL_CLOSED, RETRANSMISSIONS);
                long closed = System.nanoTime();
                long answers = restarted.counter("l2tp.tx.unknown_tunnel_answer");
                long seconds = (closed - answered) / 1_000_000_000L;
                System.out.printf("xl2tpd, server restarted: first answer %d ms after the kill, xl2tpd's tunnel"
                                + " gone %d ms after the kill (%d ms after the first answer), %d answers, %d ZLBs"
                                + " and StopCCNs not answered%n", (answered - killed) / 1_000_000,
                        (closed - killed) / 1_000_000, (closed - answered) / 1_000_000, answers,
                        restarted.counter("l2tp.tx.unknown_tunnel_answer.skipped.message_type"));
                assertThat(answers).as("at most one a second").isBetween(1L, seconds + 1);
                assertThat(restarted.counter("l2tp.tunnel.created")).as("nothing set up by the answers").isZero();
            }
        }
    }

    /** The same without a server: how long xl2tpd takes on its own, for comparison. */
    @Test
    void withNoServerXl2tpdDropsItsTunnelWhenItsRetransmissionsRunOut() {
        try (LacAndLns pair = LacAndLns.create();
             CohortProcess first = pair.startServer(dir.resolve("first"), StockXl2tpdIT.serverIni("", false));
             Xl2tpdLac lac = pair.startLac(dir.resolve("lac"), "", false, false)) {
            lac.awaitLogLine(Xl2tpdLac.CALL_UP, SETUP);
            first.kill();
            long killed = System.nanoTime();
            lac.awaitLogLine(REAL_TUNNEL_CLOSED, RETRANSMISSIONS);
            System.out.printf("xl2tpd, no server: tunnel gone %d ms after the kill%n",
                    (System.nanoTime() - killed) / 1_000_000);
            assertThat(lac.log()).doesNotContain("no such tunnel here");
        }
    }
}
