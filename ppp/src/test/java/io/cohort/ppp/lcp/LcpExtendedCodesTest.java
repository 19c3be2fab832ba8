package io.cohort.ppp.lcp;

import static org.assertj.core.api.Assertions.assertThat;

import io.cohort.ppp.ScriptedRandom;
import io.cohort.ppp.automaton.AutomatonState;
import io.cohort.ppp.automaton.ExtendedCodes.Kind;
import io.cohort.ppp.wire.ControlPacket;
import io.cohort.ppp.wire.PppOption;
import io.cohort.time.VirtualScheduler;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * LCP codes 8 to 11 (RFC 1661 sections 5.7 to 5.9) and the echo keepalive. Our magic number is
 * 0x11111111.
 */
class LcpExtendedCodesTest {
    private final List<ControlPacket> sent = new ArrayList<>();
    private final List<Integer> rejectedProtocols = new ArrayList<>();
    private int echoReplies;
    private final LcpNegotiator negotiator = new LcpNegotiator(
            new LcpSettings(1500, List.of(), List.of(), 5), new ScriptedRandom(0x11111111));
    private final LcpExtendedCodes codes = new LcpExtendedCodes(negotiator, sent::add, rejectedProtocols::add,
            () -> echoReplies++);

    static ControlPacket packet(int code, int id, String hex) {
        return new ControlPacket(code, id, HexFormat.of().parseHex(hex));
    }

    static Stream<Arguments> classification() {
        AutomatonState opened = AutomatonState.OPENED;
        return Stream.of(
                // name, packet, state, kind, protocol reported as rejected (or -1), echo replies counted
                Arguments.of("Protocol-Reject of IPCP in Opened: RXJ+", packet(8, 1, "8021010100040000"), opened,
                        Kind.REJECT_PERMITTED, 0x8021, 0),
                Arguments.of("Protocol-Reject of IPV6CP in Opened: RXJ+", packet(8, 2, "8057"), opened,
                        Kind.REJECT_PERMITTED, 0x8057, 0),
                Arguments.of("Protocol-Reject of LCP itself: RXJ-", packet(8, 3, "c021"), opened,
                        Kind.REJECT_CATASTROPHIC, -1, 0),
                Arguments.of("Protocol-Reject outside Opened: discarded (5.7)", packet(8, 4, "8021"),
                        AutomatonState.ACK_SENT, Kind.DISCARD, -1, 0),
                Arguments.of("Protocol-Reject without a protocol: discarded", packet(8, 5, "80"), opened,
                        Kind.DISCARD, -1, 0),
                Arguments.of("Echo-Request: RXR", packet(9, 6, "cafebabe"), opened, Kind.RXR, -1, 0),
                Arguments.of("Echo-Reply in Opened: RXR, keepalive told", packet(10, 7, "cafebabe"), opened,
                        Kind.RXR, -1, 1),
                Arguments.of("Echo-Reply too short: RXR, keepalive not told", packet(10, 8, "cafe"), opened,
                        Kind.RXR, -1, 0),
                Arguments.of("Echo-Reply outside Opened: keepalive not told", packet(10, 9, "cafebabe"),
                        AutomatonState.REQ_SENT, Kind.RXR, -1, 0),
                Arguments.of("Discard-Request: RXR", packet(11, 10, "cafebabe0102"), opened, Kind.RXR, -1, 0),
                Arguments.of("Identification (12) is not ours: RUC", packet(12, 11, "cafebabe"), opened,
                        Kind.UNKNOWN, -1, 0),
                Arguments.of("Configure-Request is not an extended code: RUC", packet(1, 12, ""), opened,
                        Kind.UNKNOWN, -1, 0));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("classification")
    void classifies(String name, ControlPacket p, AutomatonState state, Kind kind, int rejected, int replies) {
        assertThat(codes.classify(p, state)).isEqualTo(kind);
        assertThat(rejectedProtocols).isEqualTo(rejected < 0 ? List.of() : List.of(rejected));
        assertThat(echoReplies).isEqualTo(replies);
    }

    @Test
    void echoReplyCarriesOurMagicAndEchoesTheData() {
        codes.serve(packet(9, 0x42, "cafebabe68656c6c6f"));
        assertThat(sent).containsExactly(packet(10, 0x42, "1111111168656c6c6f"));
    }

    @Test
    void discardRequestAndShortEchoesAreNotAnswered() {
        codes.serve(packet(11, 1, "cafebabe"));
        codes.serve(packet(9, 2, "cafe"));
        assertThat(sent).isEmpty();
    }

    @Test
    void echoRequestsCarryingOurOwnMagicAreCounted() {
        codes.classify(packet(9, 1, "11111111"), AutomatonState.OPENED);
        codes.classify(packet(9, 2, "11111111"), AutomatonState.OPENED);
        codes.classify(packet(9, 3, "22222222"), AutomatonState.OPENED);
        codes.classify(packet(9, 4, "11111111"), AutomatonState.ACK_RCVD);
        assertThat(codes.ownMagicEchoes()).isEqualTo(2);
    }

    @Test
    void noMagicMeansNoLoopCounting() {
        negotiator.rejected(List.of(PppOption.ofU32(5, 0x11111111)));
        codes.classify(packet(9, 1, "00000000"), AutomatonState.OPENED);
        assertThat(codes.ownMagicEchoes()).isZero();
    }

    // ---- keepalive (RFC 1661 5.8) on virtual time ----

    private final VirtualScheduler scheduler = new VirtualScheduler();
    private int deaths;
    private final LcpKeepalive keepalive = new LcpKeepalive(scheduler, Duration.ofSeconds(10), 3, () -> 0x11111111,
            sent::add, () -> deaths++);

    @Test
    void threeMissedEchoesDeclareThePeerDeadAtTheFourthTick() {
        keepalive.start();
        for (int tick = 1; tick <= 3; tick++) {
            scheduler.advance(Duration.ofSeconds(10));
            assertThat(keepalive.unanswered()).isEqualTo(tick);
            assertThat(deaths).isZero();
        }
        assertThat(sent).extracting(ControlPacket::code).containsExactly(9, 9, 9);
        assertThat(sent).extracting(ControlPacket::identifier).containsExactly(1, 2, 3);
        assertThat(sent.getFirst().data()).isEqualTo(HexFormat.of().parseHex("11111111"));
        scheduler.advance(Duration.ofSeconds(10));
        assertThat(deaths).isEqualTo(1);
        assertThat(sent).hasSize(3);
        scheduler.advance(Duration.ofMinutes(5));
        assertThat(deaths).as("declared once, the timer is gone").isEqualTo(1);
        assertThat(scheduler.pendingCount()).isZero();
    }

    @Test
    void aReplyClearsTheMissedCount() {
        keepalive.start();
        scheduler.advance(Duration.ofSeconds(20));
        assertThat(keepalive.unanswered()).isEqualTo(2);
        keepalive.replyReceived();
        assertThat(keepalive.unanswered()).isZero();
        scheduler.advance(Duration.ofSeconds(30));
        assertThat(deaths).isZero();
        assertThat(keepalive.unanswered()).isEqualTo(3);
        scheduler.advance(Duration.ofSeconds(10));
        assertThat(deaths).isEqualTo(1);
    }

    @Test
    void stopCancelsTheTimer() {
        keepalive.start();
        scheduler.advance(Duration.ofSeconds(10));
        keepalive.stop();
        scheduler.advance(Duration.ofMinutes(10));
        assertThat(sent).hasSize(1);
        assertThat(deaths).isZero();
    }
}
