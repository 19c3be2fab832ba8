package io.cohort.cluster.message;

/** Why a member is told to leave the cluster (figure 6, 609 and 641; figure 8B, 833). */
public enum ExitReason {
    /** The sender is master and the receiver is not one of its members (833). */
    NOT_A_MEMBER,
    /** The receiver's configuration is older than the cluster's: fetch it and rejoin (641). */
    STALE_CONFIGURATION,
    /** The master lost the tie-breaker to another master and leaves; so do its members (821). */
    MASTER_STEPPED_DOWN
}
