package io.cohort.cluster.link;

import io.cohort.cluster.message.MemberAddress;

/** Where a {@link SecureLink} sends its octets: the cluster transport, or a simulated network. */
public interface Datagrams {
    void send(MemberAddress to, byte[] datagram);

    /** To every other member on the cluster network. */
    void broadcast(byte[] datagram);
}
