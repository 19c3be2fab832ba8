package io.cohort.ppp.ccp;

import static org.assertj.core.api.Assertions.assertThat;

import io.cohort.ppp.automaton.RequestVerdict;
import io.cohort.ppp.mppe.MppeMode;
import io.cohort.ppp.mppe.MppeStrength;
import io.cohort.ppp.wire.PppOption;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The peer's Configure-Request against our policy: Ack, Nak (with what) or Reject (RFC 3078 2, 2.1). */
class CcpNegotiatorTest {
    private static final long H = MppeSupportedBits.H;
    private static final long S = MppeSupportedBits.S;
    private static final long M = MppeSupportedBits.M;
    private static final long L = MppeSupportedBits.L;
    private static final long D = MppeSupportedBits.D;
    private static final long C = MppeSupportedBits.C;

    static final CcpSettings DEFAULT = CcpSettings.DEFAULT;
    static final CcpSettings ANY_STRENGTH_PREFER = new CcpSettings(EnumSet.allOf(MppeStrength.class),
            StatelessPolicy.PREFER);
    static final CcpSettings WEAK_STATEFUL = new CcpSettings(EnumSet.of(MppeStrength.BITS_40, MppeStrength.BITS_56),
            StatelessPolicy.FORBID);

    static Stream<Arguments> requests() {
        return Stream.of(
                // default policy: 128-bit, stateless required
                row("H|S acked", DEFAULT, List.of(mppe(H | S)), ack()),
                row("Windows offer H|S|M|L: one strength", DEFAULT, List.of(mppe(H | S | M | L)), nak(H | S)),
                row("stateful S: H added", DEFAULT, List.of(mppe(S)), nak(H | S)),
                row("only 40-bit offered: our strongest", DEFAULT, List.of(mppe(H | L)), nak(H | S)),
                row("D obsolete: not accepted", DEFAULT, List.of(mppe(H | S | D)), nak(H | S)),
                row("C (MPPC) not supported", DEFAULT, List.of(mppe(H | S | C)), nak(H | S)),
                row("reserved bit", DEFAULT, List.of(mppe(H | S | 0x0200_0000L)), nak(H | S)),
                row("no bits at all", DEFAULT, List.of(mppe(0)), nak(H | S)),
                row("no MPPE option: Nak adds it", DEFAULT, List.of(), nak(H | S)),
                row("Deflate rejected", DEFAULT, List.of(mppe(H | S), new PppOption(26, new byte[] {0x78, 0})),
                        reject(new PppOption(26, new byte[] {0x78, 0}))),
                row("MPPE option of length 5 rejected", DEFAULT, List.of(new PppOption(18, new byte[] {1, 0, 0})),
                        reject(new PppOption(18, new byte[] {1, 0, 0}))),
                row("repeated MPPE option rejected", DEFAULT, List.of(mppe(H | S), mppe(H | S)), reject(mppe(H | S))),
                // every strength allowed, stateless preferred
                row("strongest of the offer: 56 over 40", ANY_STRENGTH_PREFER, List.of(mppe(H | M | L)), nak(H | M)),
                row("40-bit stateless acked", ANY_STRENGTH_PREFER, List.of(mppe(H | L)), ack()),
                row("stateful Nak'ed towards H while we prefer it", ANY_STRENGTH_PREFER, List.of(mppe(M)), nak(H | M)),
                // weak keys only, stateful only
                row("128 not allowed", WEAK_STATEFUL, List.of(mppe(S)), nak(M)),
                row("H removed", WEAK_STATEFUL, List.of(mppe(H | L)), nak(L)),
                row("stateful 56 acked", WEAK_STATEFUL, List.of(mppe(M)), ack()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("requests")
    void judgesThePeersRequest(String what, CcpSettings settings, List<PppOption> peer, RequestVerdict expected) {
        CcpNegotiator n = new CcpNegotiator(settings);

        assertThat(n.evaluate(peer)).isEqualTo(expected);
    }

    static Stream<Arguments> ourRequests() {
        return Stream.of(
                Arguments.of(DEFAULT, H | S),
                Arguments.of(ANY_STRENGTH_PREFER, H | S | M | L),
                Arguments.of(WEAK_STATEFUL, M | L));
    }

    @ParameterizedTest
    @MethodSource("ourRequests")
    void weRequestEverythingWeSupport(CcpSettings settings, long bits) {
        assertThat(new CcpNegotiator(settings).requestOptions()).containsExactly(mppe(bits));
    }

    static Stream<Arguments> naksOfOurRequest() {
        return Stream.of(
                // settings, the peer's Nak, then: our next request or failure, the resulting mode
                Arguments.of("peer picks 128 stateless", ANY_STRENGTH_PREFER, H | S, Optional.of(H | S),
                        Optional.of(new MppeMode(MppeStrength.BITS_128, true))),
                Arguments.of("peer insists on stateful: we give in", ANY_STRENGTH_PREFER, M, Optional.of(M),
                        Optional.of(new MppeMode(MppeStrength.BITS_56, false))),
                Arguments.of("peer insists on stateful: required", DEFAULT, S, Optional.empty(), Optional.empty()),
                Arguments.of("peer only does 40-bit", DEFAULT, H | L, Optional.empty(), Optional.empty()),
                Arguments.of("peer suggests two strengths: take the strongest", ANY_STRENGTH_PREFER, H | S | L,
                        Optional.of(H | S), Optional.of(new MppeMode(MppeStrength.BITS_128, true))),
                Arguments.of("peer suggests D", DEFAULT, H | S | D, Optional.empty(), Optional.empty()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("naksOfOurRequest")
    void followsThePeersNak(String what, CcpSettings settings, long nak, Optional<Long> next,
            Optional<MppeMode> mode) {
        CcpNegotiator n = new CcpNegotiator(settings);

        n.naked(List.of(mppe(nak)));

        assertThat(n.failed()).isEqualTo(next.isEmpty());
        next.ifPresent(bits -> {
            assertThat(n.requestOptions()).containsExactly(mppe(bits));
            n.acked(n.requestOptions());
            assertThat(n.evaluate(List.of(mppe(bits)))).isEqualTo(ack());
            assertThat(n.negotiated()).isEqualTo(mode);
        });
    }

    @Test
    void aRejectedMppeOptionFailsTheNegotiation() {
        CcpNegotiator n = new CcpNegotiator(DEFAULT);

        n.rejected(n.requestOptions());

        assertThat(n.failed()).isTrue();
        assertThat(n.negotiated()).isEmpty();
    }

    @Test
    void bothDirectionsMustAgreeOnOneMode() {
        CcpNegotiator n = new CcpNegotiator(ANY_STRENGTH_PREFER);
        n.naked(List.of(mppe(H | L)));
        n.acked(List.of(mppe(H | L))); // our direction: 40-bit stateless

        // the peer asks for 128-bit for its direction: Nak'ed to the mode already agreed
        assertThat(n.evaluate(List.of(mppe(H | S)))).isEqualTo(nak(H | L));
        assertThat(n.negotiated()).isEmpty();
        assertThat(n.evaluate(List.of(mppe(H | L)))).isEqualTo(ack());
        assertThat(n.negotiated()).contains(new MppeMode(MppeStrength.BITS_40, true));
    }

    @Test
    void resetStartsAfresh() {
        CcpNegotiator n = new CcpNegotiator(DEFAULT);
        n.acked(n.requestOptions());
        n.evaluate(List.of(mppe(H | S)));
        assertThat(n.negotiated()).contains(new MppeMode(MppeStrength.BITS_128, true));

        n.reset();

        assertThat(n.negotiated()).isEmpty();
        assertThat(n.failed()).isFalse();
    }

    @Test
    void supportedBitsDecodeAndShowThemselves() {
        MppeSupportedBits b = MppeSupportedBits.from(mppe(H | S | M)).orElseThrow();

        assertThat(b.strengths()).containsExactlyInAnyOrder(MppeStrength.BITS_128, MppeStrength.BITS_56);
        assertThat(b.stateless()).isTrue();
        assertThat(b.hasOtherBits()).isFalse();
        assertThat(b.toString()).contains("0x010000C0");
        assertThat(MppeSupportedBits.from(PppOption.ofU32(17, 0))).isEmpty();
    }

    private static Arguments row(String what, CcpSettings settings, List<PppOption> peer, RequestVerdict verdict) {
        return Arguments.of(what, settings, peer, verdict);
    }

    static PppOption mppe(long bits) {
        return PppOption.ofU32(MppeSupportedBits.OPTION_TYPE, bits);
    }

    private static RequestVerdict ack() {
        return RequestVerdict.ACK;
    }

    private static RequestVerdict nak(long bits) {
        return new RequestVerdict.Nak(List.of(mppe(bits)));
    }

    private static RequestVerdict reject(PppOption... options) {
        return new RequestVerdict.Reject(List.of(options));
    }
}
