package io.cohort.replication;

import io.cohort.cluster.unit.WorkUnit;
import java.util.Set;

/**
 * Where the owner of work units publishes their state (patent, figure 7): initial state once,
 * essential state on each change, per-packet counters lazily. Each key holds the latest state put
 * under it until it is removed; what reaches the other members is that latest state (a key put
 * twice before it is sent is sent once). Calls never block and may come from any thread, the
 * engine's included: the bytes are copied or owned by the publisher from the call on.
 */
public interface UnitStatePublisher {
    /** {@code state} is now {@code key}'s state in {@code unit}. The caller gives up the array. */
    void put(WorkUnit unit, StateKey key, byte[] state);

    /** {@code key} no longer exists in {@code unit} (the tunnel or session closed). */
    void remove(WorkUnit unit, StateKey key);

    /**
     * This member stopped owning {@code units}: their keys are dropped without a removal being
     * sent (the new owner publishes them anew). Call it after the last put for those units.
     */
    default void forget(Set<WorkUnit> units) { }

    /** A publisher for a server outside a cluster: nobody would ever take its units over. */
    UnitStatePublisher NONE = new UnitStatePublisher() {
        @Override
        public void put(WorkUnit unit, StateKey key, byte[] state) { }

        @Override
        public void remove(WorkUnit unit, StateKey key) { }
    };
}
