package io.cohort.cluster.message;

import io.cohort.cluster.member.MemberId;

/**
 * "Other master exists" (figure 6, 617 and 635; figure 8A, 825): sent by a master to a member
 * offering to be master, or to a master that lost the tie-breaker.
 *
 * @param memberCount the sender's cluster size, master included, for the receiver's own
 *     tie-breaker (a master that still wins does not step down)
 * @param address the sender's address, for the same
 */
public record OtherMasterExists(MemberId sender, MemberId target, int memberCount, MemberAddress address)
        implements ClusterMessage {
    public OtherMasterExists {
        if (memberCount < 1) {
            throw new IllegalArgumentException("a master counts itself: member count " + memberCount);
        }
    }
}
