package io.cohort.replication;

import io.cohort.cluster.unit.WorkUnit;
import java.util.Objects;

/** A key together with the work unit it lives in: what one replicated state is, cluster-wide. */
public record UnitKey(WorkUnit unit, StateKey key) implements Comparable<UnitKey> {
    public UnitKey {
        Objects.requireNonNull(unit);
        Objects.requireNonNull(key);
    }

    @Override
    public int compareTo(UnitKey other) {
        int byUnit = unit.compareTo(other.unit);
        return byUnit != 0 ? byUnit : key.compareTo(other.key);
    }

    @Override
    public String toString() {
        return unit.value() + "/" + key;
    }
}
