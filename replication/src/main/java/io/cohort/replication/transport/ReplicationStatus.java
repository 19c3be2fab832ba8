package io.cohort.replication.transport;

import io.cohort.cluster.member.MemberId;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Objects;

/**
 * What an operator sees of a member's replication: its own keys, each peer it sends to, and the
 * members whose state it currently receives.
 */
public record ReplicationStatus(int ownKeys, List<PeerStatus> peers, List<MemberId> receivingFrom) {
    public ReplicationStatus {
        peers = List.copyOf(peers);
        receivingFrom = List.copyOf(receivingFrom);
    }

    /**
     * One peer this member sends its state to.
     *
     * @param connected whether a connection is up (TLS established)
     * @param dirtyKeys keys changed and not yet sent to it
     * @param bytesSent octets of frames sent to it, over all connections
     */
    public record PeerStatus(MemberId member, InetSocketAddress address, boolean connected, int dirtyKeys, long bytesSent) {
        public PeerStatus {
            Objects.requireNonNull(member);
            Objects.requireNonNull(address);
        }
    }
}
