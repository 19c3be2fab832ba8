package io.cohort.replication;

import io.cohort.cluster.member.MemberId;
import java.util.Comparator;
import java.util.Objects;

/**
 * When a member began to own a work unit, as it says on each put and removal (replication/README.md,
 * "Ownership epochs"): a unit's successive owners publish under growing epochs, so a receiver can
 * tell a former owner's frame, late on the wire, from the current owner's. Two members that chose
 * the same value (two owners at once, a split brain) are ordered by name.
 */
public record OwnerEpoch(long value, MemberId origin) implements Comparable<OwnerEpoch> {
    private static final Comparator<OwnerEpoch> ORDER = Comparator.comparingLong(OwnerEpoch::value)
            .thenComparing(OwnerEpoch::origin);

    public OwnerEpoch {
        Objects.requireNonNull(origin);
        if (value < 0) {
            throw new IllegalArgumentException("epoch " + value + " is negative");
        }
    }

    @Override
    public int compareTo(OwnerEpoch other) {
        return ORDER.compare(this, other);
    }

    public boolean isBefore(OwnerEpoch other) {
        return compareTo(other) < 0;
    }

    @Override
    public String toString() {
        return value + "@" + origin;
    }
}
