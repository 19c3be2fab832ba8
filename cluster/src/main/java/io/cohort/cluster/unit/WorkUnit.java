package io.cohort.cluster.unit;

/**
 * One of the cluster's {@value #COUNT} shares of work (the patent's "work unit" or "work set",
 * figure 9). Every packet for the cluster address belongs to exactly one unit ({@link WorkFilter})
 * and every unit is owned by at most one member at a time; a member processes a packet only if
 * it owns the packet's unit.
 *
 * @param value the unit number, 0 to {@value #COUNT} - 1
 */
public record WorkUnit(int value) implements Comparable<WorkUnit> {
    /** Units in a cluster: "a unique work unit number between 0 and 1023". */
    public static final int COUNT = 1024;

    /**
     * The mask that keeps a unit number's 10 bits: an identifier's unit is {@code id & MASK}
     * ({@link WorkFilter}), in userspace and in the kernel filter alike.
     */
    public static final int MASK = COUNT - 1;

    public WorkUnit {
        if (value < 0 || value >= COUNT) {
            throw new IllegalArgumentException("work unit " + value + " is outside 0.." + MASK);
        }
    }

    public static WorkUnit of(int value) {
        return new WorkUnit(value);
    }

    @Override
    public int compareTo(WorkUnit other) {
        return Integer.compare(value, other.value);
    }

    @Override
    public String toString() {
        return "unit " + value;
    }
}
