package io.cohort.server.cluster;

import io.cohort.cluster.membership.ClusterApplication;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The applications (L2TP, PPTP) that registered with the cluster layer (DESIGN.md, "The cluster
 * layer": they are told when work units are assigned to or taken from this member). They register
 * while the protocol runtime is built, before the member starts; a server outside a cluster keeps
 * the list and never calls it.
 */
public final class ClusterRegistrations {
    private final List<UnitOwnership> registered = new CopyOnWriteArrayList<>();
    private final boolean steering;

    /** Registrations of a server that steers packets by work unit ({@code [steering] mode}) or not. */
    public ClusterRegistrations(boolean steering) {
        this.steering = steering;
    }

    /** Registrations of a server outside a cluster: every protocol serves whatever reaches it. */
    public static ClusterRegistrations standalone() {
        return new ClusterRegistrations(false);
    }

    /** Registers {@code protocol}; the returned ownership tracks the units the cluster gives this member. */
    public UnitOwnership register(String protocol) {
        UnitOwnership ownership = new UnitOwnership(protocol, steering);
        registered.add(ownership);
        return ownership;
    }

    public List<UnitOwnership> registered() {
        return List.copyOf(registered);
    }

    List<ClusterApplication> applications() {
        return List.copyOf(registered);
    }
}
