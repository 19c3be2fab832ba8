package io.cohort.server.cluster;

import io.cohort.cluster.member.MemberId;
import io.cohort.cluster.membership.ClusterApplication;
import io.cohort.cluster.membership.ClusterView;
import io.cohort.cluster.membership.Role;
import io.cohort.cluster.message.MemberEntry;
import io.cohort.replication.transport.ReplicationService;
import java.net.InetSocketAddress;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Keeps the replication's peers to the cluster's members: every member this node's view lists
 * (the master's member list) gets this member's state, at its cluster address and port over TCP.
 * Told on every membership event, on the node's thread; the view is read there too. A member that
 * leaves or dies drops out of the peers, but what it published stays in the replicas: that is what
 * its units' next owners rebuild from.
 */
final class ReplicationMembership implements ClusterApplication {
    private final ReplicationService replication;
    private volatile Supplier<ClusterView> view;
    private Map<MemberId, InetSocketAddress> peers = Map.of();

    ReplicationMembership(ReplicationService replication) {
        this.replication = Objects.requireNonNull(replication);
    }

    /** Where the node's view is read, once the member runs; refreshes the peers from it. */
    void watch(Supplier<ClusterView> nodeView) {
        this.view = Objects.requireNonNull(nodeView);
        refresh();
    }

    @Override
    public void roleChanged(Role role) {
        refresh();
    }

    @Override
    public void memberJoined(MemberId member) {
        refresh();
    }

    @Override
    public void memberLeft(MemberId member) {
        refresh();
    }

    /** Ready once every peer's snapshot arrived ({@link ReplicationService#replicasComplete}). */
    @Override
    public boolean readyToTakeOver() {
        return replication.replicasComplete();
    }

    private synchronized void refresh() {
        Supplier<ClusterView> source = view;
        if (source == null) {
            return;
        }
        ClusterView now = source.get();
        Map<MemberId, InetSocketAddress> next = new LinkedHashMap<>();
        for (MemberEntry entry : now.members()) {
            if (!entry.id().equals(now.self())) {
                next.put(entry.id(), new InetSocketAddress(entry.address().ip(), entry.address().port()));
            }
        }
        if (!next.equals(peers)) {
            peers = Map.copyOf(next);
            replication.peers(peers);
        }
    }
}
