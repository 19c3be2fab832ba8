package io.cohort.ppp.ccp;

import io.cohort.ppp.automaton.OptionNegotiator;
import io.cohort.ppp.automaton.RequestVerdict;
import io.cohort.ppp.mppe.MppeMode;
import io.cohort.ppp.mppe.MppeStrength;
import io.cohort.ppp.wire.PppOption;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * CCP (RFC 1962) option negotiation restricted to MPPE (RFC 3078 section 2), for the shared
 * {@link io.cohort.ppp.automaton.OptionAutomaton}. Every other compression option is rejected.
 *
 * <p>Our Configure-Request carries every allowed strength (2.1: "the negotiation initiator SHOULD
 * request all of the options it supports") and H per {@link StatelessPolicy}. A peer's request
 * is acknowledged only with exactly one allowed strength, the right H, and no other bit (D is
 * obsolete and "SHOULD NOT be accepted", C is MPPC, the rest reserved); otherwise it is Nak'ed
 * with a single strength, the strongest the peer offered that we allow, else our strongest
 * (2.1), and our H. A request without the MPPE option is Nak'ed with it (RFC 1661 5.3 lets a
 * Nak add options). MPPE uses one mode in both directions: once one direction is agreed, the
 * other is Nak'ed to the same values.
 *
 * <p>{@link #failed()} reports that MPPE cannot be agreed (the peer rejected the option or Nak'ed
 * us to something we do not allow); the link SHOULD then be terminated (RFC 3078 2).
 * {@link #negotiated()} gives the mode once both directions were acknowledged alike.
 */
public final class CcpNegotiator implements OptionNegotiator {
    private final CcpSettings settings;

    private Set<MppeStrength> ourStrengths;
    private boolean ourStateless;
    private MppeMode ourAgreed;
    private MppeMode peerAgreed;
    private boolean failed;

    public CcpNegotiator(CcpSettings settings) {
        this.settings = settings;
        reset();
    }

    @Override
    public void reset() {
        ourStrengths = EnumSet.copyOf(settings.strengths());
        ourStateless = settings.stateless() != StatelessPolicy.FORBID;
        ourAgreed = null;
        peerAgreed = null;
        failed = false;
    }

    @Override
    public List<PppOption> requestOptions() {
        return List.of(MppeSupportedBits.of(ourStrengths, ourStateless).toOption());
    }

    @Override
    public RequestVerdict evaluate(List<PppOption> peerOptions) {
        List<PppOption> reject = new ArrayList<>();
        MppeSupportedBits offered = null;
        for (PppOption o : peerOptions) {
            Optional<MppeSupportedBits> bits = MppeSupportedBits.from(o);
            if (bits.isEmpty() || offered != null) {
                reject.add(o); // other compression protocols, a malformed or a repeated MPPE option
            } else {
                offered = bits.get();
            }
        }
        if (!reject.isEmpty()) {
            return new RequestVerdict.Reject(reject); // RFC 1661 5.4: Reject before Nak
        }
        MppeMode wanted = wantedFor(offered);
        if (offered != null && !offered.hasOtherBits() && offered.strengths().equals(Set.of(wanted.strength()))
                && offered.stateless() == wanted.stateless()) {
            peerAgreed = wanted;
            return RequestVerdict.ACK;
        }
        return new RequestVerdict.Nak(List.of(MppeSupportedBits.of(Set.of(wanted.strength()), wanted.stateless())
                .toOption()));
    }

    /** The single mode we would acknowledge in answer to {@code offered} (null: no MPPE option). */
    private MppeMode wantedFor(MppeSupportedBits offered) {
        if (ourAgreed != null) {
            return ourAgreed; // one mode for both directions
        }
        MppeStrength strength = settings.strongest();
        if (offered != null) {
            EnumSet<MppeStrength> common = EnumSet.noneOf(MppeStrength.class);
            common.addAll(offered.strengths());
            common.retainAll(settings.strengths());
            if (!common.isEmpty()) {
                strength = common.stream().reduce((a, b) -> b).orElseThrow(); // 2.1: the strongest
            }
        }
        return new MppeMode(strength, ourStateless);
    }

    @Override
    public void acked(List<PppOption> ours) {
        for (PppOption o : ours) {
            MppeSupportedBits.from(o).ifPresent(b -> {
                // 2.1 wants a single option in the end; an Ack of several means the strongest.
                MppeStrength s = EnumSet.copyOf(b.strengths()).stream().reduce((x, y) -> y).orElseThrow();
                ourAgreed = new MppeMode(s, b.stateless());
            });
        }
    }

    @Override
    public void naked(List<PppOption> suggestions) {
        for (PppOption o : suggestions) {
            Optional<MppeSupportedBits> bits = MppeSupportedBits.from(o);
            if (bits.isEmpty()) {
                continue;
            }
            MppeSupportedBits b = bits.get();
            EnumSet<MppeStrength> acceptable = EnumSet.noneOf(MppeStrength.class);
            acceptable.addAll(b.strengths());
            acceptable.retainAll(settings.strengths());
            boolean statelessOk = switch (settings.stateless()) {
                case REQUIRE -> b.stateless();
                case FORBID -> !b.stateless();
                case PREFER -> true;
            };
            if (acceptable.isEmpty() || !statelessOk || b.hasOtherBits()) {
                failed = true; // 2.1: "cancel the negotiation, dropping the connection"
                return;
            }
            // 2.1: "send another request containing the same option(s) as the responder's NAK"
            ourStrengths = EnumSet.of(acceptable.stream().reduce((x, y) -> y).orElseThrow());
            ourStateless = b.stateless();
        }
    }

    @Override
    public void rejected(List<PppOption> refused) {
        for (PppOption o : refused) {
            if (o.type() == MppeSupportedBits.OPTION_TYPE) {
                failed = true; // the peer will not do MPPE: the link SHOULD be terminated (2)
            }
        }
    }

    /** True if MPPE cannot be agreed with this peer; the link should be terminated. */
    public boolean failed() {
        return failed;
    }

    /** The mode in force once both directions were acknowledged with the same values. */
    public Optional<MppeMode> negotiated() {
        return ourAgreed != null && ourAgreed.equals(peerAgreed) ? Optional.of(ourAgreed) : Optional.empty();
    }

    @Override
    public String toString() {
        return "CcpNegotiator[ours=" + ourAgreed + ", peer=" + peerAgreed + (failed ? ", failed" : "") + "]";
    }
}
