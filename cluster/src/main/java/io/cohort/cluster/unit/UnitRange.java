package io.cohort.cluster.unit;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * A run of consecutive work units, {@code first} to {@code last} inclusive: how a set of units is
 * shown to operators ({@code 0-12,40}) and carried in the control API, instead of every number.
 *
 * @param first the lowest unit of the run
 * @param last the highest unit of the run, at least {@code first}
 */
public record UnitRange(int first, int last) {
    public UnitRange {
        if (first < 0 || last >= WorkUnit.COUNT || last < first) {
            throw new IllegalArgumentException("not a range of work units: " + first + "-" + last);
        }
    }

    /** How many units the range holds. */
    public int size() {
        return last - first + 1;
    }

    /** The unit numbers of the range, in order. */
    public IntStream values() {
        return IntStream.rangeClosed(first, last);
    }

    /** The runs of {@code units}, in ascending order; empty for none. */
    public static List<UnitRange> of(Collection<WorkUnit> units) {
        List<UnitRange> runs = new ArrayList<>();
        int start = -1;
        int previous = -2;
        for (WorkUnit u : new TreeSet<>(units)) {
            if (u.value() != previous + 1) {
                if (start >= 0) {
                    runs.add(new UnitRange(start, previous));
                }
                start = u.value();
            }
            previous = u.value();
        }
        if (start >= 0) {
            runs.add(new UnitRange(start, previous));
        }
        return List.copyOf(runs);
    }

    /** Every unit number of {@code ranges}. */
    public static TreeSet<Integer> values(Collection<UnitRange> ranges) {
        return ranges.stream().flatMap(r -> r.values().boxed()).collect(Collectors.toCollection(TreeSet::new));
    }

    /** {@code 0-12,40,42-43}; {@code -} for none. */
    public static String text(Collection<UnitRange> ranges) {
        return ranges.isEmpty() ? "-" : ranges.stream().map(UnitRange::toString).collect(Collectors.joining(","));
    }

    /** {@code 7} or {@code 0-12}. */
    @Override
    public String toString() {
        return first == last ? Integer.toString(first) : first + "-" + last;
    }
}
