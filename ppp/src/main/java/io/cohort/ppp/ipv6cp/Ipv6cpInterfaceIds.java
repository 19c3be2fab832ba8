package io.cohort.ppp.ipv6cp;

/**
 * The interface identifiers an Opened IPV6CP agreed (RFC 5072 4.1): ours and the peer's, from
 * which both link-local addresses follow (RFC 5072 5). Initial state (patent, figure 7): fixed
 * until IPV6CP renegotiates. 16 octets.
 */
public record Ipv6cpInterfaceIds(long ours, long peer) {
}
