package io.cohort.ppp.automaton;

import io.cohort.ppp.wire.PppOption;
import java.util.List;

/**
 * The protocol-specific half of option negotiation: what this end asks for and what it accepts from
 * the peer. LCP, IPCP, IPV6CP and CCP each implement this; the shared {@link OptionAutomaton} does
 * the rest. Called only on the engine thread.
 */
public interface OptionNegotiator {
    /** Starts a fresh negotiation (the automaton leaves a non-negotiating state). */
    void reset();

    /** The options of our next Configure-Request. */
    List<PppOption> requestOptions();

    /**
     * Judges the peer's Configure-Request. On {@link RequestVerdict.Ack} the negotiator records
     * the peer's values as agreed. Must prefer Reject over Nak when both apply (RFC 1661 5.4).
     */
    RequestVerdict evaluate(List<PppOption> peerOptions);

    /** The peer acknowledged our request: these values are now in force for our direction. */
    void acked(List<PppOption> ours);

    /** The peer suggested other values (Configure-Nak); adjust the next request. */
    void naked(List<PppOption> suggestions);

    /** The peer refused these options (Configure-Reject); leave them out of the next request. */
    void rejected(List<PppOption> refused);
}
