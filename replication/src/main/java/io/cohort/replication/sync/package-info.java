/**
 * Replication's logic without I/O (STYLE.md, sans-I/O cores): this member's own state and what each
 * peer still has to be sent of it ({@link io.cohort.replication.sync.OwnStateTable}, {@link
 * io.cohort.replication.sync.PeerOutbox}: coalescing dirty keys, snapshots, barriers), what a peer's
 * frames do to the {@link io.cohort.replication.ReplicaStore} ({@link
 * io.cohort.replication.sync.ReplicaIntake}), and the reconnect delays ({@link
 * io.cohort.replication.sync.ReconnectBackoff}). The Netty transport drives them.
 */
package io.cohort.replication.sync;
