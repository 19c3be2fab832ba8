package io.cohort.server.cluster;

import io.cohort.cluster.membership.ClusterApplication;
import io.cohort.cluster.unit.WorkUnit;
import io.cohort.replication.ReplicaStore;
import io.cohort.replication.StateKey;
import io.cohort.replication.UnitStatePublisher;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.LongSupplier;

/**
 * The applications (L2TP, PPTP) that registered with the cluster layer (DESIGN.md, "The cluster
 * layer": they are told when work units are assigned to or taken from this member). They register
 * while the protocol runtime is built, before the member starts; a server outside a cluster keeps
 * the list and never calls it.
 *
 * <p>They also find here where to publish their units' state ({@link #publisher()}: nowhere until
 * the cluster's replication is {@linkplain #replicateThrough connected}) and the replicas other
 * members published ({@link #replicas()}), from which they rebuild the sessions of units they take
 * over.
 */
public final class ClusterRegistrations {
    private final List<UnitOwnership> registered = new CopyOnWriteArrayList<>();
    private final boolean steering;
    private final ReplicaStore replicas = new ReplicaStore();
    private volatile UnitStatePublisher replication = UnitStatePublisher.NONE;
    private final UnitStatePublisher publisher = new UnitStatePublisher() {
        @Override
        public void put(WorkUnit unit, StateKey key, byte[] state) {
            replication.put(unit, key, state);
        }

        @Override
        public void remove(WorkUnit unit, StateKey key) {
            replication.remove(unit, key);
        }

        @Override
        public void forget(Set<WorkUnit> units) {
            replication.forget(units);
        }
    };

    private final LongSupplier nanos;

    /** Registrations of a server that steers packets by work unit ({@code [steering] mode}) or not. */
    public ClusterRegistrations(boolean steering) {
        this(steering, System::nanoTime);
    }

    /** As {@link #ClusterRegistrations(boolean)}, with the clock the ownerships time their units by (tests). */
    public ClusterRegistrations(boolean steering, LongSupplier nanos) {
        this.steering = steering;
        this.nanos = nanos;
    }

    /** Registrations of a server outside a cluster: every protocol serves whatever reaches it. */
    public static ClusterRegistrations standalone() {
        return new ClusterRegistrations(false);
    }

    /** Registers {@code protocol}; the returned ownership tracks the units the cluster gives this member. */
    public UnitOwnership register(String protocol) {
        UnitOwnership ownership = new UnitOwnership(protocol, steering, nanos);
        registered.add(ownership);
        return ownership;
    }

    /** Where the protocols publish their units' state: the cluster's replication once connected. */
    public UnitStatePublisher publisher() {
        return publisher;
    }

    /** What other members published: the state of units this member may take over. */
    public ReplicaStore replicas() {
        return replicas;
    }

    /** From now on, state the protocols publish goes to {@code replication}. */
    public void replicateThrough(UnitStatePublisher replication) {
        this.replication = Objects.requireNonNull(replication);
    }

    public List<UnitOwnership> registered() {
        return List.copyOf(registered);
    }

    List<ClusterApplication> applications() {
        return List.copyOf(registered);
    }
}
