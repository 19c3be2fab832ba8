package io.cohort.ppp.ccp;

import static org.assertj.core.api.Assertions.assertThat;

import io.cohort.ppp.automaton.RequestVerdict;
import io.cohort.ppp.mppe.MppeStrength;
import io.cohort.ppp.wire.PppOption;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The contract every {@link io.cohort.ppp.automaton.OptionNegotiator} keeps (RFC 1661 5.2-5.4), for
 * CCP: a Reject echoes a subsequence of the request unchanged; a peer that applies our Rejects and
 * Naks is acked within three rounds, with exactly one allowed strength and the right H.
 */
class CcpNegotiatorPropertiesTest {

    @Provide
    Arbitrary<CcpSettings> settings() {
        return Combinators.combine(Arbitraries.subsetOf(MppeStrength.values()).ofMinSize(1),
                Arbitraries.of(StatelessPolicy.class)).as((s, h) -> new CcpSettings(EnumSet.copyOf(s), h));
    }

    @Provide
    Arbitrary<List<PppOption>> requests() {
        Arbitrary<Long> bits = Arbitraries.oneOf(Arbitraries.longs().between(0, 0xFFFF_FFFFL),
                Arbitraries.of(0x0100_0040L, 0x0100_00E0L, 0x40L, 0x20L, 0x80L, 0x0100_0000L, 0x11L, 0L));
        Arbitrary<PppOption> mppe = bits.map(b -> PppOption.ofU32(MppeSupportedBits.OPTION_TYPE, b));
        Arbitrary<PppOption> other = Combinators.combine(Arbitraries.integers().between(0, 255),
                Arbitraries.bytes().array(byte[].class).ofMaxSize(6)).as(PppOption::new);
        return Arbitraries.oneOf(mppe, other).list().ofMaxSize(5).uniqueElements(PppOption::type);
    }

    @Property(tries = 1_000)
    void aRejectEchoesASubsequenceOfTheRequestUnchanged(@ForAll("settings") CcpSettings settings,
            @ForAll("requests") List<PppOption> request) {
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

    @Property(tries = 1_000)
    void aPeerThatFollowsOurAnswersIsAckedWithinThreeRounds(@ForAll("settings") CcpSettings settings,
            @ForAll("requests") List<PppOption> request) {
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
