package io.cohort.ppp.ccp;

import static org.assertj.core.api.Assertions.assertThat;

import io.cohort.ppp.automaton.RequestVerdict;
import io.cohort.ppp.mppe.MppeStrength;
import io.cohort.ppp.wire.PppOption;
import io.cohort.testsupport.FailingCaseReport;
import io.cohort.testsupport.RandomValues;
import io.cohort.testsupport.SeededCases;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The contract every {@link io.cohort.ppp.automaton.OptionNegotiator} keeps (RFC 1661 5.2-5.4), for
 * CCP: a Reject echoes a subsequence of the request unchanged; a peer that applies our Rejects and
 * Naks is acked within three rounds, with exactly one allowed strength and the right H.
 */
@ExtendWith(FailingCaseReport.class)
class CcpNegotiatorPropertiesTest {

    /** At least one allowed strength, any stateless policy. */
    static CcpSettings settings(RandomValues r) {
        EnumSet<MppeStrength> strengths = EnumSet.noneOf(MppeStrength.class);
        while (strengths.isEmpty()) {
            for (MppeStrength s : MppeStrength.values()) {
                if (r.bool()) {
                    strengths.add(s);
                }
            }
        }
        return new CcpSettings(strengths, r.oneOf(StatelessPolicy.class));
    }

    /** Half MPPE options (any bits, or typical ones), half other types; a type once at most. */
    static List<PppOption> request(RandomValues r) {
        return r.uniqueListOf(0, 5, s -> s.bool()
                ? PppOption.ofU32(MppeSupportedBits.OPTION_TYPE, s.bool() ? s.longBetween(0, 0xFFFF_FFFFL)
                        : s.oneOf(0x0100_0040L, 0x0100_00E0L, 0x40L, 0x20L, 0x80L, 0x0100_0000L, 0x11L, 0L))
                : new PppOption(s.intBetween(0, 255), s.bytes(0, 6)), PppOption::type);
    }

    static Stream<Arguments> settingsAndRequests() {
        return SeededCases.of(1_000, r -> Arguments.of(settings(r), request(r)));
    }

    @ParameterizedTest
    @MethodSource("settingsAndRequests")
    void aRejectEchoesASubsequenceOfTheRequestUnchanged(CcpSettings settings, List<PppOption> request) {
        if (new CcpNegotiator(settings).evaluate(request) instanceof RequestVerdict.Reject reject) {
            assertThat(reject.options()).isNotEmpty();
            int i = 0;
            for (PppOption o : request) {
                if (i < reject.options().size() && reject.options().get(i).equals(o)) {
                    i++;
                }
            }
            assertThat(i).isEqualTo(reject.options().size());
        }
    }

    @ParameterizedTest
    @MethodSource("settingsAndRequests")
    void aPeerThatFollowsOurAnswersIsAckedWithinThreeRounds(CcpSettings settings, List<PppOption> request) {
        CcpNegotiator n = new CcpNegotiator(settings);
        List<PppOption> next = new ArrayList<>(request);
        for (int round = 0; round < 3; round++) {
            switch (n.evaluate(next)) {
                case RequestVerdict.Ack ack -> {
                    assertThat(next).hasSize(1);
                    MppeSupportedBits b = MppeSupportedBits.from(next.getFirst()).orElseThrow();
                    assertThat(b.strengths()).hasSize(1);
                    assertThat(settings.strengths()).containsAll(b.strengths());
                    assertThat(b.hasOtherBits()).isFalse();
                    if (settings.stateless() == StatelessPolicy.REQUIRE) {
                        assertThat(b.stateless()).isTrue();
                    }
                    if (settings.stateless() == StatelessPolicy.FORBID) {
                        assertThat(b.stateless()).isFalse();
                    }
                    return;
                }
                case RequestVerdict.Reject reject -> next.removeAll(reject.options());
                case RequestVerdict.Nak nak -> {
                    for (PppOption suggested : nak.options()) {
                        next.removeIf(o -> o.type() == suggested.type());
                        next.add(suggested);
                    }
                }
            }
        }
        throw new AssertionError("no Ack after three rounds for " + request);
    }
}
