/**
 * The RFC 1661 section 4 option-negotiation automaton, shared by LCP and every NCP (IPCP, IPV6CP,
 * CCP). A protocol plugs in through {@link io.cohort.ppp.automaton.OptionNegotiator} (what to ask
 * for, how to answer the peer) and {@link io.cohort.ppp.automaton.LayerEvents}. Depends on
 * {@code wire}, {@code time} and {@code telemetry}; never on a concrete protocol, sockets or
 * threads.
 */
package io.cohort.ppp.automaton;
