/**
 * IPV6CP (RFC 5072) with Interface-Identifier negotiation. Depends on {@code automaton} and
 * {@code wire}; never on the link engine, sockets or threads.
 */
package io.cohort.ppp.ipv6cp;
