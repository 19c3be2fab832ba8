package io.cohort.replication.sim;

/**
 * What replication gets wrong because nothing orders a unit's successive owners on the wire (a
 * put or removal carries its origin, not when its origin owned the unit): the simulation counts
 * these rather than failing on them (replication README, "Known limits").
 */
enum OwnerOrderAnomaly {
    /** A former owner's put, late (a stalled stream, a snapshot while it kept the unit), replaced a newer replica. */
    REGRESSED_REPLICA,
    /**
     * Acknowledged state lost so: the taker rebuilt the former owner's older state of a session
     * whose newer state it had acknowledged.
     */
    LOST_TO_A_LATE_FORMER_OWNER,
    /** A taken-over session had ended: its removal was ignored, the replica being from another origin. */
    RESURRECTED_SESSION,
    /** With partitions: two owners of a unit at once (split brain), and one side's state lost. */
    LOST_IN_SPLIT_BRAIN,
    /**
     * With partitions, at the end, a session of its unit's owner missing from a replica store: the
     * other side's owner removed it during a split brain, and that removal came late.
     */
    MISSING_REPLICA_AT_END,
    /** At the end, a replica older than its owner's state. */
    STALE_REPLICA_AT_END,
    /** At the end, a replica of a key its unit's owner does not have (a former owner's, never removed). */
    LINGERING_REPLICA_AT_END
}
