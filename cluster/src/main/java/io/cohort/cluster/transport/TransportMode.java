package io.cohort.cluster.transport;

/** How a member reaches all the others with one {@link ClusterTransport#broadcast}. */
public enum TransportMode {
    /** One datagram to an IPv4 multicast group joined on a named interface (TTL 1, no loopback). */
    MULTICAST,
    /** One datagram to the cluster subnet's broadcast address (SO_BROADCAST). */
    BROADCAST,
    /** One unicast datagram to each configured peer, for networks that carry neither. */
    STATIC_PEERS
}
