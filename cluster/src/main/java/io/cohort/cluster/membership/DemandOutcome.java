package io.cohort.cluster.membership;

/** What became of a packet handed to {@link ClusterNode#demand} (figure 9, 926–943). */
public enum DemandOutcome {
    /** The unit's owner has acknowledged it: the packet went to {@link ClusterOutput#deliver}. */
    DELIVERED,
    /** Held until the unit's assignment is acknowledged (941). */
    HELD,
    /** Dropped: too many packets held for the unit already. */
    DROPPED_HOLD_FULL,
    /** Dropped: this node is not master (921–925). */
    DROPPED_NOT_MASTER
}
