package io.cohort.pptp.control;

import static org.assertj.core.api.Assertions.assertThat;

import io.cohort.pptp.wire.ControlMessage;
import io.cohort.pptp.wire.GoldenBytes;
import io.cohort.pptp.wire.PptpCodec;
import io.cohort.telemetry.AnswerBudget;
import io.cohort.telemetry.Counters;
import io.cohort.telemetry.RateLimitedLog;
import io.cohort.time.VirtualScheduler;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** GRE for a call with no state anywhere is answered with a Call-Disconnect-Notify (RFC 2637 2.13), within a budget. */
class UnknownCallAnswersTest {
    private static final int UNKNOWN_CALL = 0x0abc;

    private final VirtualScheduler scheduler = new VirtualScheduler();
    private final Counters counters = new Counters();
    private final UnknownCallAnswers answers = new UnknownCallAnswers(AnswerBudget.standard(scheduler), counters,
            RateLimitedLog.standard(System.getLogger("pptp-test"), scheduler));

    @Test
    void theAnswerIsACallDisconnectNotifyForOurCallIdOnTheOneConnectionFromThatAddress() throws Exception {
        ScriptedPns pns = new ScriptedPns().established();

        boolean answered = answers.unknownCall(peer(7), UNKNOWN_CALL, () -> List.of(pns.connection), true);

        assertThat(answered).isTrue();
        ControlMessage cdn = pns.sent.getLast();
        assertThat(bytes(cdn)).isEqualTo(GoldenBytes.load("control/cdn-unknown-call.hex"));
        assertThat(counters.get("pptp.tx.unknown_call_answer")).isEqualTo(1);
        assertThat(pns.connection.calls()).isEmpty();
    }

    static Stream<Arguments> unanswered() {
        return Stream.of(
                Arguments.of("state may live on another member", 1, false, "state_elsewhere"),
                Arguments.of("no control connection from that address", 0, true, "no_connection"),
                Arguments.of("several control connections from that address", 2, true, "several_connections"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("unanswered")
    void notAnsweredWhenNotCertainWhereOrWhether(String what, int connections, boolean nowhereElse, String reason)
            throws Exception {
        List<ScriptedPns> pnses = Stream.generate(() -> new ScriptedPns().established()).limit(connections).toList();

        boolean answered = answers.unknownCall(peer(7), UNKNOWN_CALL,
                () -> pnses.stream().map(p -> p.connection).toList(), nowhereElse);

        assertThat(answered).isFalse();
        pnses.forEach(p -> assertThat(p.sent).isEmpty());
        assertThat(counters.get("pptp.tx.unknown_call_answer.skipped." + reason)).isEqualTo(1);
    }

    @Test
    void aKnownCallOrAConnectionNotEstablishedIsNeverDisconnectedThisWay() {
        ScriptedPns starting = new ScriptedPns();
        assertThat(starting.connection.disconnectUnknownCall(UNKNOWN_CALL)).isFalse();
        ScriptedPns pns = new ScriptedPns().established();
        PptpCall call = pns.call(0x77);
        assertThat(pns.connection.disconnectUnknownCall(call.callId())).isFalse();
        assertThat(pns.connection.calls()).hasSize(1);
        assertThat(pns.sentTypes()).doesNotContain(io.cohort.pptp.wire.ControlMessageType.CALL_DISCONNECT_NOTIFY);
    }

    @Test
    void onePeerGetsAtMostOneAnswerASecond() throws Exception {
        ScriptedPns pns = new ScriptedPns().established();
        Supplier<List<ControlConnection>> from = () -> List.of(pns.connection);
        int answered = 0;
        for (int i = 0; i < 30; i++) { // 30 GRE packets 100 ms apart
            answered += answers.unknownCall(peer(7), UNKNOWN_CALL, from, true) ? 1 : 0;
            scheduler.advance(Duration.ofMillis(100));
        }
        assertThat(answered).isEqualTo(3);
        assertThat(counters.get("pptp.tx.unknown_call_answer.skipped.rate")).isEqualTo(27);
    }

    @Test
    void aSpoofedFloodNeitherReflectsNorScansTheConnections() throws Exception {
        ScriptedPns pns = new ScriptedPns().established();
        int[] scans = {0};
        Supplier<List<ControlConnection>> from = () -> {
            scans[0]++;
            return List.of(pns.connection);
        };
        for (int i = 0; i < 10_000; i++) {
            answers.unknownCall(peer(i), UNKNOWN_CALL, from, true);
        }
        assertThat(pns.sent).hasSize(50);
        assertThat(scans[0]).isEqualTo(50);
    }

    private static InetAddress peer(int n) throws UnknownHostException {
        return InetAddress.getByAddress(new byte[] {10, (byte) (n >>> 16), (byte) (n >>> 8), (byte) n});
    }

    private static byte[] bytes(ControlMessage message) {
        ByteBuffer b = PptpCodec.encode(message);
        byte[] out = new byte[b.remaining()];
        b.get(out);
        return out;
    }
}
