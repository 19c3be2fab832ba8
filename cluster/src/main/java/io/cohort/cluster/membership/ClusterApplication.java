package io.cohort.cluster.membership;

import io.cohort.cluster.member.MemberId;
import io.cohort.cluster.message.MemberAddress;
import io.cohort.cluster.message.NakReason;
import io.cohort.cluster.unit.WorkUnit;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * What an application (L2TP, PPTP, IPsec) is told by the cluster layer of its node, and the one
 * question it is asked. Every call arrives on the node's thread; the defaults do nothing and
 * approve every join.
 */
public interface ClusterApplication {
    /**
     * On the master: may {@code member} join (figure 8F, 879)? May answer later (IPsec may
     * validate the member first): the master answers the joiner "operation in progress" meanwhile.
     * The stage may complete on any thread; the node takes the answer back on its own.
     */
    default CompletionStage<JoinVerdict> approveJoin(MemberId member, byte[] credential) {
        return CompletableFuture.completedFuture(JoinVerdict.APPROVED);
    }

    /** This node's role changed (figure 6). */
    default void roleChanged(Role role) { }

    /** {@code member} is in this node's cluster now (figure 8G, 898; or it was let in, 8F). */
    default void memberJoined(MemberId member) { }

    /** {@code member} left this node's cluster, or this node left (figure 8G, 895; 8E). */
    default void memberLeft(MemberId member) { }

    /**
     * This node owns these units now and processes their packets, but only while its lease holds:
     * ask {@link ClusterNode#serves} (or {@code ClusterMember.serves}, from any thread) before
     * sending anything for a unit (fencing, README "Fencing"); a lapsed lease keeps the units and
     * their sessions, unserved, until a master keepalive renews it or the master moves them. Units a node keeps through a
     * change of master ({@link NodeSettings#keptUnitsGrace()}) are not announced again: they
     * were never revoked.
     */
    default void unitsAssigned(Set<WorkUnit> units) { }

    /**
     * This node no longer owns these units. Losing the master, or the master stepping down, does
     * not revoke them at once: the node keeps them while it joins the next master, and this comes
     * when the next master gives them to another member or the grace runs out.
     */
    default void unitsRevoked(Set<WorkUnit> units) { }

    /**
     * Whether this node holds what the other members replicated so far, and can take a dead
     * member's units over with their sessions; false while a node that just joined or restarted
     * waits for their state (it says so in its keepalives, and the master gives a dead member's
     * units to members that are ready while there are any). Asked on the node's thread at every
     * keepalive: answer from memory.
     */
    default boolean readyToTakeOver() {
        return true;
    }

    /**
     * The master moves these units to another member (a de-assignment: rebalance or drain): stop
     * serving them at once, hand their state over (replicate what is not yet at the other
     * members), then let them go. The node acknowledges the move, and the master gives the units
     * to their next owner, only once the returned stage completes, so that the next owner rebuilds
     * from everything this one had ("state handed over, then ownership"). The default revokes them
     * at once.
     */
    default CompletionStage<?> unitsMovedAway(Set<WorkUnit> units) {
        unitsRevoked(units);
        return java.util.concurrent.CompletableFuture.completedFuture(null);
    }

    /**
     * Whether this application holds something on {@code unit} that moving the unit would lose or
     * have to carry along (sessions). Units no application calls busy are empty: the master moves
     * them at once and in bulk to balance the load (a member that joins gets its share within a
     * keepalive round); busy units move one at a time, at most one per rebalance period. Asked on
     * the node's thread for each owned unit at every member keepalive: answer from memory. The
     * default, false, suits applications that hold no sessions; a protocol must answer for its
     * sessions.
     */
    default boolean unitBusy(WorkUnit unit) {
        return false;
    }

    /** The master refused this node's join; it tries again later. */
    default void joinRefused(NakReason reason) { }

    /**
     * This node's configuration is older than the cluster's ({@code version}, held by the member
     * at {@code source}): fetch it and call {@link ClusterNode#configurationUpdated} (figure 6,
     * 641–642).
     */
    default void configurationStale(MemberAddress source, long version) { }

    ClusterApplication NONE = new ClusterApplication() { };
}
