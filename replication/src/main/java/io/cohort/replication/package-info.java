/**
 * State replication between members (patent, figure 7; DESIGN.md "State"). The owner of a work
 * unit {@linkplain io.cohort.replication.UnitStatePublisher publishes} the state of the tunnels,
 * calls and sessions in it, each under a {@link io.cohort.replication.StateKey}; every other member
 * keeps the latest copy in its {@link io.cohort.replication.ReplicaStore}, from which the member
 * that takes the unit over rebuilds them. State is opaque here: each protocol encodes its own.
 *
 * <p>The transport ({@link io.cohort.replication.transport.ReplicationService}) pushes each
 * member's own state to every peer over one mutually authenticated TLS 1.3 connection per peer:
 * a snapshot on each new connection, then the latest state of each changed key (changes coalesce
 * per key, so a slow peer costs memory bounded by the number of keys), and barriers that tell when
 * a peer has everything put so far. replication/README.md describes the design and the frames.
 */
package io.cohort.replication;
