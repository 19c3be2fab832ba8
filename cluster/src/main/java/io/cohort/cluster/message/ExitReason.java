package io.cohort.cluster.message;

/** Why a member is told to leave the cluster (figure 6, 609 and 641; figure 8B, 833), or says it leaves. */
public enum ExitReason {
    /** The sender is master and the receiver is not one of its members (833). */
    NOT_A_MEMBER,
    /** The receiver's configuration is older than the cluster's: fetch it and rejoin (641). */
    STALE_CONFIGURATION,
    /**
     * The master leaves: it lost the tie-breaker to another master (821), or it is stopping. Its
     * members join the next master, keeping their units meanwhile.
     */
    MASTER_STEPPED_DOWN,
    /**
     * Sent the other way, by a member to its master: the member leaves the cluster (it is
     * stopping) and has let go of its units, so the master moves them at once instead of after
     * its watchdog and the member's lease.
     */
    MEMBER_LEFT
}
