package io.cohort.benchmarks.cluster;

import io.cohort.cluster.message.ClusterMessage;
import io.cohort.cluster.message.MemberAddress;
import io.cohort.cluster.secure.SealedEnvelope;
import io.cohort.cluster.sim.SimNetwork;
import io.cohort.cluster.transport.TransportSettings;
import io.cohort.cluster.wire.ClusterCodec;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * The octets a simulated cluster would put on its network, per member: each message counts its
 * codec octets ({@link ClusterCodec#encode}), the sealed envelope around them
 * ({@link SealedEnvelope#overhead}) and {@value #IPV4_UDP_HEADERS} octets of IPv4 and UDP
 * headers. A broadcast counts once for its sender (one multicast or broadcast datagram) and once
 * for each receiver it reaches. IP fragments of datagrams over the MTU are not counted apart: each
 * extra fragment would add 20 octets of IPv4 header.
 *
 * <p>The simulation passes messages as objects, so a broadcast's one object is delivered to every
 * receiver: its size is computed once and remembered by identity for a while.
 */
final class WireTraffic implements SimNetwork.Tap {
    static final int IPV4_UDP_HEADERS = 20 + 8;
    private static final int REMEMBERED = 4096;

    private final Map<MemberAddress, Long> sent = new HashMap<>();
    private final Map<MemberAddress, Long> received = new HashMap<>();
    private final Map<ClusterMessage, Integer> sizes = new IdentityHashMap<>();
    private int largestPayload;

    @Override
    public void sent(MemberAddress from, ClusterMessage message) {
        int payload = payload(message);
        sent.merge(from, (long) payload + IPV4_UDP_HEADERS, Long::sum);
        largestPayload = Math.max(largestPayload, payload);
    }

    @Override
    public void delivered(MemberAddress from, MemberAddress to, ClusterMessage message) {
        received.merge(to, (long) payload(message) + IPV4_UDP_HEADERS, Long::sum);
    }

    long sentBy(MemberAddress member) {
        return sent.getOrDefault(member, 0L);
    }

    long receivedBy(MemberAddress member) {
        return received.getOrDefault(member, 0L);
    }

    /**
     * The largest UDP payload (sealed message) sent: a master keepalive with all units assigned
     * is over the transport's default {@code maxDatagram} ({@link TransportSettings#DEFAULT_MAX_DATAGRAM}).
     */
    int largestPayload() {
        return largestPayload;
    }

    private int payload(ClusterMessage message) {
        Integer size = sizes.get(message);
        if (size == null) {
            if (sizes.size() >= REMEMBERED) {
                sizes.clear(); // datagrams are delivered within milliseconds of their sending
            }
            size = ClusterCodec.encode(message).length + SealedEnvelope.overhead(message.sender());
            sizes.put(message, size);
        }
        return size;
    }
}
