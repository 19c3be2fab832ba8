package io.cohort.cluster.membership;

import io.cohort.cluster.message.ClusterMessage;
import io.cohort.cluster.message.MemberAddress;

/** The behaviour of one {@link Role} (or a few related ones) of a {@link ClusterNode}. */
sealed interface RoleState permits JoinProcedure, MemberRole, MasterRole {
    void receive(MemberAddress from, ClusterMessage message);

    /**
     * Leaves the role: cancels its timers and gives up what it owns, but for the units it handed to
     * {@link ClusterNode#rejoinKeeping} first (a change of master). Called once.
     */
    void close();
}
