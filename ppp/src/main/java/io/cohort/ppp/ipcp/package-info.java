/**
 * IPCP (RFC 1332) with the IP-Address option and the RFC 1877 DNS/NBNS options, for the server
 * (assigns the peer's address from an {@link io.cohort.ppp.ipcp.Ipv4AddressAllocator}) and the
 * client (asks with 0.0.0.0 and takes the Nak'd address). Depends on {@code automaton} and
 * {@code wire}; never on the link engine, sockets or threads.
 */
package io.cohort.ppp.ipcp;
