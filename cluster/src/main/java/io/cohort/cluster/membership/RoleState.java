package io.cohort.cluster.membership;

import io.cohort.cluster.message.ClusterMessage;
import io.cohort.cluster.message.MemberAddress;

/** The behaviour of one {@link Role} (or a few related ones) of a {@link ClusterNode}. */
sealed interface RoleState permits JoinProcedure, MemberRole, MasterRole {
    void receive(MemberAddress from, ClusterMessage message);

    /**
     * This node's thread did not run for so long that another master may have been elected
     * meanwhile ({@link ClusterNode#awayThresholdNanos}). Called before it reads anything, since
     * what it would read now is a backlog. Nothing to do by default: a member's lease keeps it from
     * serving, and its master's keepalives tell it whether it is still a member.
     */
    default void awayLongerThanWatchdog() { }

    /**
     * Leaves the role: cancels its timers and gives up what it owns, but for the units it handed to
     * {@link ClusterNode#rejoinKeeping} first (a change of master). Called once.
     */
    void close();
}
