package io.cohort.server.cluster;

import io.cohort.cluster.unit.WorkUnit;
import java.util.concurrent.atomic.AtomicIntegerArray;

/**
 * How many tunnels (or control connections) a protocol holds in each work unit: the answer to the
 * cluster's question which units are busy ({@link UnitOwnership#sessionsOn}), asked from the
 * cluster's thread while the protocol counts on its own. A unit with none moves at once and in
 * bulk; one with some moves one at a time, its state handed over.
 */
public final class UnitTally {
    private final AtomicIntegerArray counts = new AtomicIntegerArray(WorkUnit.COUNT);

    /** One more in {@code unit}. */
    public void add(WorkUnit unit) {
        counts.incrementAndGet(unit.value());
    }

    /** One fewer in {@code unit}; never below none. */
    public void remove(WorkUnit unit) {
        counts.getAndUpdate(unit.value(), n -> Math.max(0, n - 1));
    }

    /** Whether {@code unit} holds any. Any thread. */
    public boolean any(WorkUnit unit) {
        return counts.get(unit.value()) > 0;
    }
}
