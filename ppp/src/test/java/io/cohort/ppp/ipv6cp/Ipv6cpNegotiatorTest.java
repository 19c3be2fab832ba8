package io.cohort.ppp.ipv6cp;

import static org.assertj.core.api.Assertions.assertThat;

import io.cohort.ppp.ScriptedRandom;
import io.cohort.ppp.automaton.RequestVerdict;
import io.cohort.ppp.wire.PppOption;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * IPV6CP Interface-Identifier negotiation (RFC 5072 section 4.1). Our identifier comes from the
 * first scripted draw, 0x0211_22ff_fe33_4455, with the "u" bit cleared as 4.1 requires for
 * random identifiers: 0x0011_22ff_fe33_4455. Later draws are 0xAAAA..., giving 0xA8AA....
 */
class Ipv6cpNegotiatorTest {
    private static final long OURS_DRAWN = 0x021122fffe334455L;
    private static final long OURS = 0x001122fffe334455L;
    private static final long FRESH_DRAWN = 0xaaaaaaaaaaaaaaaaL;
    private static final long FRESH = 0xa8aaaaaaaaaaaaaaL;

    static Ipv6cpNegotiator negotiator(long... laterDraws) {
        return new Ipv6cpNegotiator(new ScriptedRandom(OURS_DRAWN).then(laterDraws));
    }

    static PppOption id(String hex) {
        return new PppOption(1, HexFormat.of().parseHex(hex));
    }

    static Stream<Arguments> peerRequests() {
        return Stream.of(
                // name, peer options, later random draws, expected verdict, peer id then in force
                Arguments.of("a distinct identifier is acked", List.of(id("0200000000000001")), new long[0],
                        RequestVerdict.ACK, 0x0200000000000001L),
                Arguments.of("zero is Nak'd with a fresh identifier, u bit clear", List.of(id("0000000000000000")),
                        new long[] {FRESH_DRAWN}, new RequestVerdict.Nak(List.of(id("a8aaaaaaaaaaaaaa"))), 0L),
                Arguments.of("our own identifier (collision) is Nak'd", List.of(id("001122fffe334455")),
                        new long[] {FRESH_DRAWN}, new RequestVerdict.Nak(List.of(id("a8aaaaaaaaaaaaaa"))), 0L),
                Arguments.of("the suggestion never is zero or ours", List.of(id("0000000000000000")),
                        new long[] {0L, OURS_DRAWN, 1L << 57, FRESH_DRAWN},
                        new RequestVerdict.Nak(List.of(id("a8aaaaaaaaaaaaaa"))), 0L),
                Arguments.of("the peer's own u bit is its business: acked", List.of(id("0211223344556677")),
                        new long[0], RequestVerdict.ACK, 0x0211223344556677L),
                Arguments.of("an identifier of four octets is rejected", List.of(id("00000001")), new long[0],
                        new RequestVerdict.Reject(List.of(id("00000001"))), 0L),
                Arguments.of("IPv6-Compression-Protocol is rejected", List.of(new PppOption(2, new byte[] {0, 0x4f})),
                        new long[0], new RequestVerdict.Reject(List.of(new PppOption(2, new byte[] {0, 0x4f}))), 0L),
                Arguments.of("an empty request is acked", List.of(), new long[0], RequestVerdict.ACK, 0L));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("peerRequests")
    void answersThePeer(String name, List<PppOption> peer, long[] draws, RequestVerdict expected, long peerId) {
        Ipv6cpNegotiator n = negotiator(draws);
        assertThat(n.evaluate(peer)).isEqualTo(expected);
        assertThat(n.peerInterfaceId()).isEqualTo(peerId);
        assertThat(n.ourInterfaceId()).isEqualTo(OURS);
    }

    static Stream<Arguments> peerNaks() {
        return Stream.of(
                Arguments.of("a usable suggestion is taken", "0200000000000099", 0L, 0x0200000000000099L),
                Arguments.of("a zero suggestion: we pick a fresh one", "0000000000000000", 0L, FRESH),
                Arguments.of("a suggestion equal to the peer's identifier: we pick a fresh one", "0200000000000001",
                        0x0200000000000001L, FRESH));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("peerNaks")
    void takesOrReplacesTheSuggestion(String name, String suggestion, long peerId, long expected) {
        Ipv6cpNegotiator n = negotiator(FRESH_DRAWN);
        if (peerId != 0) {
            assertThat(n.evaluate(List.of(id(String.format("%016x", peerId))))).isEqualTo(RequestVerdict.ACK);
        }
        n.naked(List.of(id(suggestion)));
        assertThat(n.ourInterfaceId()).isEqualTo(expected);
        assertThat(n.requestOptions()).containsExactly(id(String.format("%016x", expected)));
    }

    @Test
    void ourRequestCarriesOurIdentifierWithTheUniversalLocalBitClear() {
        Ipv6cpNegotiator n = negotiator();
        assertThat(n.requestOptions()).containsExactly(id("001122fffe334455"));
        assertThat(n.ourInterfaceId() & Ipv6cpNegotiator.UNIVERSAL_LOCAL_BIT).isZero();
    }

    /** 4.1: "A new Configure-Request MUST NOT contain the interface-identifier option if a valid
     * Interface-Identifier Configure-Reject is received." */
    @Test
    void aRejectedIdentifierIsNotAskedForAgainUntilReset() {
        Ipv6cpNegotiator n = negotiator(FRESH_DRAWN);
        n.rejected(List.of(id("001122fffe334455")));
        assertThat(n.requestOptions()).isEmpty();
        n.reset();
        assertThat(n.requestOptions()).containsExactly(id("a8aaaaaaaaaaaaaa"));
    }

    @Test
    void interfaceIdsResumeElsewhere() {
        Ipv6cpNegotiator n = negotiator();
        n.evaluate(List.of(id("0200000000000001")));
        Ipv6cpNegotiator elsewhere = negotiator(FRESH_DRAWN);

        elsewhere.resume(n.interfaceIds());

        assertThat(elsewhere.interfaceIds()).isEqualTo(new Ipv6cpInterfaceIds(OURS, 0x0200000000000001L));
        assertThat(elsewhere.ourInterfaceId()).isEqualTo(OURS);
    }
}
