package io.cohort.cluster.membership;

import io.cohort.cluster.message.ClusterMessage;
import io.cohort.cluster.message.MemberAddress;
import io.cohort.cluster.message.MemberEntry;
import io.cohort.cluster.unit.WorkUnit;

/** What a {@link ClusterNode} asks its I/O layer to do. Called on the node's thread. */
public interface ClusterOutput {
    /** Sends {@code message} to the member at {@code to}. */
    void unicast(MemberAddress to, ClusterMessage message);

    /** Sends {@code message} to everyone on the cluster network (figure 6: "broadcasting"). */
    void broadcast(ClusterMessage message);

    /**
     * The master hands a packet it held for {@code unit} (or one that arrived for an assigned
     * unit) to the unit's owner, possibly this node itself (figure 9, 941–943).
     */
    void deliver(MemberEntry owner, WorkUnit unit, Object packet);
}
