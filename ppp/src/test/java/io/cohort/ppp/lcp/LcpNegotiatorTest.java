package io.cohort.ppp.lcp;

import java.util.Optional;
import static org.assertj.core.api.Assertions.assertThat;

import io.cohort.ppp.ScriptedRandom;
import io.cohort.ppp.automaton.ExpectedVerdict;
import io.cohort.ppp.automaton.RequestVerdict;
import io.cohort.ppp.wire.PppOption;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * LCP option negotiation (RFC 1661 section 6), one row per option and value: what the peer asks
 * for, the answer it gets (Ack, Nak or Reject and with which options) and what is then in force.
 * The scripted random generator makes our first magic number 0x11111111 and the next draws
 * 0x22222222, 0x33333333, ...
 */
class LcpNegotiatorTest {
    private static final int OUR_MAGIC = 0x11111111;
    private static final LcpSettings SERVER = new LcpSettings(1500,
            List.of(AuthMethod.MSCHAP_V2, AuthMethod.CHAP_MD5, AuthMethod.PAP), List.of(), 3);
    private static final LcpSettings CLIENT = new LcpSettings(1500, List.of(),
            List.of(AuthMethod.MSCHAP_V2, AuthMethod.CHAP_MD5), 3);

    static LcpNegotiator negotiator(LcpSettings settings) {
        return new LcpNegotiator(settings, new ScriptedRandom(OUR_MAGIC, 0x22222222, 0x33333333, 0x44444444,
                0x55555555, 0x66666666));
    }

    static PppOption opt(int type, String hex) {
        return new PppOption(type, HexFormat.of().parseHex(hex));
    }

    static Arguments row(String name, LcpSettings settings, List<PppOption> peer, ExpectedVerdict answer,
                         List<PppOption> answerOptions, Consumer<LcpNegotiator> then) {
        return Arguments.of(name, settings, peer, answer, answerOptions, then);
    }

    static Stream<Arguments> peerRequests() {
        Consumer<LcpNegotiator> nothing = n -> { };
        return Stream.of(
                row("MRU 1400 is acked", SERVER, List.of(opt(1, "0578")), ExpectedVerdict.ACK, List.of(),
                        n -> assertThat(n.peerMru()).isEqualTo(1400)),
                row("MRU below 64 is Nak'd with 64", SERVER, List.of(opt(1, "0020")), ExpectedVerdict.NAK,
                        List.of(opt(1, "0040")), n -> assertThat(n.peerMru()).isEqualTo(1500)),
                row("MRU of three octets is rejected", SERVER, List.of(opt(1, "05dc00")), ExpectedVerdict.REJECT,
                        List.of(opt(1, "05dc00")), nothing),
                row("ACCM is acked (no octet stuffing over L2TP)", SERVER, List.of(opt(2, "000a0000")), ExpectedVerdict.ACK,
                        List.of(), nothing),
                row("ACCM of two octets is rejected", SERVER, List.of(opt(2, "0000")), ExpectedVerdict.REJECT,
                        List.of(opt(2, "0000")), nothing),
                row("the server authenticates to nobody: Auth-Protocol rejected", SERVER, List.of(opt(3, "c023")),
                        ExpectedVerdict.REJECT, List.of(opt(3, "c023")), n -> assertThat(n.peerRequiresAuth()).isNull()),
                row("client acks MS-CHAPv2 (CHAP algorithm 0x81)", CLIENT, List.of(opt(3, "c22381")), ExpectedVerdict.ACK,
                        List.of(), n -> assertThat(n.peerRequiresAuth()).isEqualTo(AuthMethod.MSCHAP_V2)),
                row("client acks CHAP-MD5 (algorithm 5)", CLIENT, List.of(opt(3, "c22305")), ExpectedVerdict.ACK,
                        List.of(), n -> assertThat(n.peerRequiresAuth()).isEqualTo(AuthMethod.CHAP_MD5)),
                row("client Naks PAP with its first choice", CLIENT, List.of(opt(3, "c023")), ExpectedVerdict.NAK,
                        List.of(opt(3, "c22381")), n -> assertThat(n.peerRequiresAuth()).isNull()),
                row("client Naks MS-CHAPv1 (0x80)", CLIENT, List.of(opt(3, "c22380")), ExpectedVerdict.NAK,
                        List.of(opt(3, "c22381")), nothing),
                row("client Naks EAP", CLIENT, List.of(opt(3, "c227")), ExpectedVerdict.NAK, List.of(opt(3, "c22381")),
                        nothing),
                row("client Naks an Auth-Protocol of one octet", CLIENT, List.of(opt(3, "c2")), ExpectedVerdict.NAK,
                        List.of(opt(3, "c22381")), nothing),
                row("Magic-Number is acked", SERVER, List.of(opt(5, "cafebabe")), ExpectedVerdict.ACK, List.of(),
                        n -> assertThat(n.peerMagic()).isEqualTo(0xcafebabe)),
                row("Magic-Number zero is Nak'd with a fresh number", SERVER, List.of(opt(5, "00000000")),
                        ExpectedVerdict.NAK, List.of(opt(5, "22222222")), n -> assertThat(n.ourMagic()).isEqualTo(OUR_MAGIC)),
                row("Magic-Number equal to ours: both ends pick new numbers (6.4)", SERVER,
                        List.of(opt(5, "11111111")), ExpectedVerdict.NAK, List.of(opt(5, "33333333")), n -> {
                            assertThat(n.ourMagic()).isEqualTo(0x22222222);
                            assertThat(n.loopedBack()).isFalse();
                        }),
                row("Magic-Number of two octets is rejected", SERVER, List.of(opt(5, "1234")), ExpectedVerdict.REJECT,
                        List.of(opt(5, "1234")), nothing),
                row("PFC is acked", SERVER, List.of(opt(7, "")), ExpectedVerdict.ACK, List.of(),
                        n -> assertThat(n.peerAcceptsPfc()).isTrue()),
                row("PFC with data is rejected", SERVER, List.of(opt(7, "00")), ExpectedVerdict.REJECT, List.of(opt(7, "00")),
                        n -> assertThat(n.peerAcceptsPfc()).isFalse()),
                row("ACFC is acked", SERVER, List.of(opt(8, "")), ExpectedVerdict.ACK, List.of(),
                        n -> assertThat(n.peerAcceptsAcfc()).isTrue()),
                row("ACFC with data is rejected", SERVER, List.of(opt(8, "01")), ExpectedVerdict.REJECT, List.of(opt(8, "01")),
                        n -> assertThat(n.peerAcceptsAcfc()).isFalse()),
                row("Callback (13) is unknown: rejected", SERVER, List.of(opt(13, "06")), ExpectedVerdict.REJECT,
                        List.of(opt(13, "06")), nothing),
                row("Quality-Protocol (4) is unknown: rejected", CLIENT, List.of(opt(4, "c02500000bb8")),
                        ExpectedVerdict.REJECT, List.of(opt(4, "c02500000bb8")), nothing),
                row("Reject wins over Nak (5.4), only rejected options echoed", SERVER,
                        List.of(opt(1, "0020"), opt(13, "06"), opt(5, "00000000")), ExpectedVerdict.REJECT,
                        List.of(opt(13, "06")), n -> assertThat(n.peerMru()).isEqualTo(1500)),
                row("pppd's usual request is acked whole", SERVER,
                        List.of(opt(1, "0578"), opt(2, "00000000"), opt(5, "12345678"), opt(7, ""), opt(8, "")),
                        ExpectedVerdict.ACK, List.of(), n -> {
                            assertThat(n.peerMru()).isEqualTo(1400);
                            assertThat(n.peerMagic()).isEqualTo(0x12345678);
                            assertThat(n.peerAcceptsPfc()).isTrue();
                            assertThat(n.peerAcceptsAcfc()).isTrue();
                        }),
                row("an empty request is acked with the defaults", SERVER, List.of(), ExpectedVerdict.ACK, List.of(), n -> {
                    assertThat(n.peerMru()).isEqualTo(1500);
                    assertThat(n.peerMagic()).isZero();
                    assertThat(n.peerAcceptsPfc()).isFalse();
                }));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("peerRequests")
    void answersThePeersRequest(String name, LcpSettings settings, List<PppOption> peer, ExpectedVerdict answer,
                                List<PppOption> answerOptions, Consumer<LcpNegotiator> then) {
        LcpNegotiator n = negotiator(settings);
        RequestVerdict verdict = n.evaluate(peer);
        answer.assertMatches(verdict, answerOptions);
        then.accept(n);
    }

    /** Our request after the peer's Configure-Nak or Configure-Reject (RFC 1661 5.3, 5.4). */
    static Stream<Arguments> peerReplies() {
        return Stream.of(
                Arguments.of("first request", List.of(), List.of(),
                        List.of(opt(3, "c22381"), opt(5, "11111111"), opt(7, ""), opt(8, ""))),
                Arguments.of("Nak MRU 1400: we ask for it", List.of(opt(1, "0578")), List.of(),
                        List.of(opt(1, "0578"), opt(3, "c22381"), opt(5, "11111111"), opt(7, ""), opt(8, ""))),
                Arguments.of("Nak MRU 32: below the minimum, ignored", List.of(opt(1, "0020")), List.of(),
                        List.of(opt(3, "c22381"), opt(5, "11111111"), opt(7, ""), opt(8, ""))),
                Arguments.of("Nak Auth suggesting PAP: we move to PAP", List.of(opt(3, "c023")), List.of(),
                        List.of(opt(3, "c023"), opt(5, "11111111"), opt(7, ""), opt(8, ""))),
                Arguments.of("Nak Auth suggesting EAP: next of our list", List.of(opt(3, "c227")), List.of(),
                        List.of(opt(3, "c22305"), opt(5, "11111111"), opt(7, ""), opt(8, ""))),
                Arguments.of("Nak Magic with another number: we draw a new one", List.of(opt(5, "abcdef01")),
                        List.of(), List.of(opt(3, "c22381"), opt(5, "22222222"), opt(7, ""), opt(8, ""))),
                Arguments.of("Reject Magic, PFC, ACFC: left out", List.of(),
                        List.of(opt(5, "11111111"), opt(7, ""), opt(8, "")), List.of(opt(3, "c22381"))),
                Arguments.of("Reject MRU after Nak MRU: left out again", List.of(opt(1, "0578")),
                        List.of(opt(1, "0578")),
                        List.of(opt(3, "c22381"), opt(5, "11111111"), opt(7, ""), opt(8, ""))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("peerReplies")
    void adjustsOurRequest(String name, List<PppOption> nak, List<PppOption> reject, List<PppOption> next) {
        LcpNegotiator n = negotiator(SERVER);
        if (!nak.isEmpty()) {
            n.naked(nak);
        }
        if (!reject.isEmpty()) {
            n.rejected(reject);
        }
        assertThat(n.requestOptions()).containsExactlyElementsOf(next);
    }

    @Test
    void theMethodTheAuthenticateeAckedIsTheOneRequired() {
        LcpNegotiator n = negotiator(SERVER);
        n.naked(List.of(opt(3, "c023")));
        n.acked(n.requestOptions());
        assertThat(n.weRequireAuth()).isEqualTo(AuthMethod.PAP);
        assertThat(n.authImpossible()).isFalse();
    }

    @Test
    void nakingEveryMethodMakesAuthenticationImpossible() {
        LcpNegotiator n = negotiator(SERVER);
        n.naked(List.of(opt(3, "c227")));
        n.naked(List.of(opt(3, "c227")));
        assertThat(n.authImpossible()).isFalse();
        n.naked(List.of(opt(3, "c227")));
        assertThat(n.authImpossible()).isTrue();
        assertThat(n.requestOptions()).extracting(PppOption::type).doesNotContain(3);
    }

    @Test
    void rejectingAuthenticationMakesItImpossible() {
        LcpNegotiator n = negotiator(SERVER);
        n.rejected(List.of(opt(3, "c22381")));
        assertThat(n.authImpossible()).isTrue();
        n.acked(n.requestOptions());
        assertThat(n.weRequireAuth()).isNull();
    }

    @Test
    void rejectedMagicNumberReadsAsZero() {
        LcpNegotiator n = negotiator(SERVER);
        n.rejected(List.of(opt(5, "11111111")));
        assertThat(n.ourMagic()).isZero();
        // Without our own number there is nothing to collide with.
        assertThat(n.evaluate(List.of(opt(5, "11111111")))).isInstanceOf(RequestVerdict.Ack.class);
    }

    @Test
    void repeatedMagicCollisionsDeclareALoopedBackLink() {
        LcpNegotiator n = negotiator(SERVER); // maxLoopedMagic 3
        for (int i = 1; i <= 3; i++) {
            assertThat(n.loopedBack()).as("after %d collisions", i - 1).isFalse();
            RequestVerdict v = n.evaluate(List.of(PppOption.ofU32(5, n.ourMagic() & 0xFFFFFFFFL)));
            assertThat(v).isInstanceOf(RequestVerdict.Nak.class);
            assertThat(((RequestVerdict.Nak) v).options().getFirst().unsignedValue())
                    .isNotEqualTo(n.ourMagic() & 0xFFFFFFFFL).isNotZero();
        }
        assertThat(n.loopedBack()).isTrue();
    }

    @Test
    void aPeerNakingOurMagicWithOurOwnNumberCountsAsALoop() {
        LcpNegotiator n = negotiator(SERVER);
        for (int i = 0; i < 3; i++) {
            n.naked(List.of(PppOption.ofU32(5, n.ourMagic() & 0xFFFFFFFFL)));
        }
        assertThat(n.loopedBack()).isTrue();
    }

    @Test
    void anAckedDistinctMagicClearsTheLoopCount() {
        LcpNegotiator n = negotiator(SERVER);
        n.evaluate(List.of(PppOption.ofU32(5, n.ourMagic() & 0xFFFFFFFFL)));
        n.evaluate(List.of(PppOption.ofU32(5, n.ourMagic() & 0xFFFFFFFFL)));
        assertThat(n.evaluate(List.of(opt(5, "0badf00d")))).isInstanceOf(RequestVerdict.Ack.class);
        n.evaluate(List.of(PppOption.ofU32(5, n.ourMagic() & 0xFFFFFFFFL)));
        n.evaluate(List.of(PppOption.ofU32(5, n.ourMagic() & 0xFFFFFFFFL)));
        assertThat(n.loopedBack()).isFalse();
    }

    @Test
    void resetStartsOverWithANewMagicNumber() {
        LcpNegotiator n = negotiator(SERVER);
        n.evaluate(List.of(opt(1, "0578"), opt(7, "")));
        n.rejected(List.of(opt(5, "11111111")));
        n.reset();
        assertThat(n.peerMru()).isEqualTo(1500);
        assertThat(n.peerAcceptsPfc()).isFalse();
        assertThat(n.ourMagic()).isEqualTo(0x22222222);
    }

    @Test
    void aConfiguredMruIsRequested() {
        LcpNegotiator n = new LcpNegotiator(new LcpSettings(1400, List.of(), List.of(), 3), new ScriptedRandom(7));
        assertThat(n.requestOptions()).containsExactly(opt(1, "0578"), opt(5, "00000007"), opt(7, ""), opt(8, ""));
    }

    @ParameterizedTest
    @MethodSource("openedOptions")
    void resumedOptionsAreTheOnesInForce(LcpOpenedOptions options) {
        LcpNegotiator n = negotiator(SERVER);
        n.resume(options);

        assertThat(n.openedOptions()).isEqualTo(options);
        assertThat(n.ourMagic()).isEqualTo(options.ourMagic());
        assertThat(n.peerMru()).isEqualTo(options.peerMru());
        assertThat(n.peerAcceptsPfc()).isEqualTo(options.peerAcceptsPfc());
        assertThat(n.weRequireAuth()).isEqualTo(options.weRequireAuth().orElse(null));
    }

    static Stream<LcpOpenedOptions> openedOptions() {
        return Stream.of(
                new LcpOpenedOptions(0x0badcafe, 0x12345678, 1400, true, true, Optional.of(AuthMethod.MSCHAP_V2),
                        Optional.empty()),
                new LcpOpenedOptions(0, 0, 1500, false, false, Optional.empty(), Optional.of(AuthMethod.PAP)));
    }

    @Test
    void openedOptionsAfterANegotiationResumeElsewhere() {
        LcpNegotiator n = negotiator(SERVER);
        n.evaluate(List.of(opt(1, "0578"), opt(5, "01020304"), opt(7, ""), opt(8, "")));
        n.acked(n.requestOptions());
        LcpNegotiator elsewhere = negotiator(CLIENT);

        elsewhere.resume(n.openedOptions());

        assertThat(elsewhere.openedOptions()).isEqualTo(n.openedOptions());
        assertThat(elsewhere.peerMagic()).isEqualTo(0x01020304);
        assertThat(elsewhere.ourMagic()).isEqualTo(OUR_MAGIC);
    }
}
