/**
 * State replication between members (patent, figure 7; DESIGN.md "State"). The owner of a work
 * unit {@linkplain io.cohort.replication.UnitStatePublisher publishes} the state of the tunnels,
 * calls and sessions in it, each under a {@link io.cohort.replication.StateKey}; every other member
 * keeps the latest copy in its {@link io.cohort.replication.ReplicaStore}, from which the member
 * that takes the unit over rebuilds them. State is opaque here: each protocol encodes its own.
 */
package io.cohort.replication;
