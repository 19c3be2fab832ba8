package io.cohort.systemtests;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Which units two members served at one instant, judged from samples of each member's own view of
 * the units it owns (patent, figure 7: a unit has one owner at a time, or two members would serve
 * the same sessions).
 *
 * <p>A sample is taken over a window: the request goes out at {@code start}, the answer comes back
 * at {@code end}, and the view it carries held at some instant inside, nobody knows which. Two
 * samples whose windows overlap therefore prove nothing on their own: one member may have given
 * the unit up and the other taken it between the two instants. What is proven is this: when one
 * process answered "I own u" in two samples in a row (no unanswered sample between), it owned u
 * from the first answer's {@code end} to the second request's {@code start} (its <em>certain</em>
 * span; a member that gave u up and took it back within one sampling interval would be missed, a
 * unit is never moved that fast); another member that claims u in a sample whose whole window
 * lies inside that span, or whose own certain span overlaps it, served u at the same time: a
 * double owner. Claims in overlapping windows that prove nothing (a handover inside the sampling
 * skew) are counted, for the report, as {@link Report#unprovenOverlaps()}.
 */
final class OwnershipTimeline {
    /**
     * One sample of one member process.
     *
     * @param member the member's name
     * @param process its process (a restarted member is a new series of samples)
     * @param start nanoseconds (one clock for all samples) when the request went out
     * @param end when the answer came back (or the request gave up)
     * @param units the units it said it owns; empty if it did not answer
     */
    record Sample(String member, long process, long start, long end, Optional<Set<Integer>> units) {
        Sample {
            if (end < start) {
                throw new IllegalArgumentException("a sample ends before it starts: " + start + ".." + end);
            }
            units = units.map(Set::copyOf);
        }
    }

    /**
     * Two members that served one unit at one instant.
     *
     * @param unit the unit
     * @param first one member, {@code second} the other, in name order
     * @param from the span (nanoseconds, the samples' clock) in which both owned it
     */
    record DoubleOwner(int unit, String first, String second, long from, long to) {
    }

    /**
     * What the samples show.
     *
     * @param samples samples taken
     * @param unanswered samples without an answer (a paused or dying member)
     * @param maxSkew the widest spread of request times within one round, in nanoseconds
     * @param doubleOwners proven double owners
     * @param unprovenOverlaps pairs of claims of one unit by two members in overlapping windows
     *     that do not prove a double owner
     * @param origin the first request's time, for {@link #describe}
     */
    record Report(int samples, int unanswered, long maxSkew, List<DoubleOwner> doubleOwners, int unprovenOverlaps,
                  long origin) {
        Report {
            doubleOwners = List.copyOf(doubleOwners);
        }

        /** The first {@code max} double owners, one a line, their times in ms from the first sample. */
        String describe(int max) {
            StringBuilder out = new StringBuilder();
            doubleOwners.stream().sorted(Comparator.comparingLong(DoubleOwner::from)).limit(max)
                    .forEach(d -> out.append(String.format("  unit %d owned by %s and %s at once from +%d ms to +%d ms%n",
                            d.unit(), d.first(), d.second(), (d.from() - origin) / 1_000_000, (d.to() - origin) / 1_000_000)));
            if (doubleOwners.size() > max) {
                out.append("  and ").append(doubleOwners.size() - max).append(" more\n");
            }
            return out.toString();
        }
    }

    /** Consecutive claims of one unit by one process: its first and last window, and the span between. */
    private record ClaimRun(String member, long firstStart, long firstEnd, long lastStart, long lastEnd, boolean repeated) {
        /** The span in which it certainly owned the unit; empty for a single claim. */
        boolean certainlyHolds(long from, long to) {
            return repeated && firstEnd <= from && to <= lastStart;
        }

        boolean certainOverlaps(ClaimRun other) {
            return repeated && other.repeated && Math.max(firstEnd, other.firstEnd) < Math.min(lastStart, other.lastStart);
        }
    }

    private OwnershipTimeline() {
    }

    /**
     * Judges {@code samples}; {@code rounds} groups the request times of samples meant to be taken
     * together (for the skew reported only).
     */
    static Report judge(List<Sample> samples, List<List<Long>> rounds) {
        Map<Integer, List<ClaimRun>> runsByUnit = new TreeMap<>();
        Map<String, List<Sample>> byProcess = new HashMap<>();
        for (Sample s : samples) {
            byProcess.computeIfAbsent(s.member() + "/" + s.process(), k -> new ArrayList<>()).add(s);
        }
        for (List<Sample> series : byProcess.values()) {
            series.sort(Comparator.comparingLong(Sample::start));
            collectRuns(series, runsByUnit);
        }
        List<DoubleOwner> doubles = new ArrayList<>();
        int unproven = 0;
        for (Map.Entry<Integer, List<ClaimRun>> e : runsByUnit.entrySet()) {
            List<ClaimRun> runs = e.getValue();
            for (int i = 0; i < runs.size(); i++) {
                for (int j = i + 1; j < runs.size(); j++) {
                    ClaimRun a = runs.get(i);
                    ClaimRun b = runs.get(j);
                    if (a.member().equals(b.member())) {
                        continue;
                    }
                    Optional<long[]> proven = proven(a, b).or(() -> proven(b, a));
                    if (proven.isPresent()) {
                        boolean inOrder = a.member().compareTo(b.member()) < 0;
                        doubles.add(new DoubleOwner(e.getKey(), inOrder ? a.member() : b.member(),
                                inOrder ? b.member() : a.member(), proven.get()[0], proven.get()[1]));
                    } else if (Math.max(a.firstStart(), b.firstStart()) <= Math.min(a.lastEnd(), b.lastEnd())) {
                        unproven++;
                    }
                }
            }
        }
        int unanswered = (int) samples.stream().filter(s -> s.units().isEmpty()).count();
        long skew = rounds.stream().filter(r -> !r.isEmpty())
                .mapToLong(r -> r.stream().mapToLong(Long::longValue).max().orElseThrow()
                        - r.stream().mapToLong(Long::longValue).min().orElseThrow()).max().orElse(0);
        long origin = samples.stream().mapToLong(Sample::start).min().orElse(0);
        return new Report(samples.size(), unanswered, skew, doubles, unproven, origin);
    }

    /** The span in which both owned the unit, if {@code a}'s certain span proves {@code b} owned it too. */
    private static Optional<long[]> proven(ClaimRun a, ClaimRun b) {
        if (a.certainOverlaps(b)) {
            return Optional.of(new long[] {Math.max(a.firstEnd(), b.firstEnd()), Math.min(a.lastStart(), b.lastStart())});
        }
        if (a.certainlyHolds(b.firstStart(), b.firstEnd())) {
            return Optional.of(new long[] {b.firstStart(), b.firstEnd()});
        }
        if (a.certainlyHolds(b.lastStart(), b.lastEnd())) {
            return Optional.of(new long[] {b.lastStart(), b.lastEnd()});
        }
        return Optional.empty();
    }

    /** Splits one process's samples (in order) into runs of consecutive claims per unit. */
    private static void collectRuns(List<Sample> series, Map<Integer, List<ClaimRun>> runsByUnit) {
        Map<Integer, Sample> firstOfRun = new HashMap<>();
        Map<Integer, Sample> lastOfRun = new HashMap<>();
        for (Sample s : series) {
            Set<Integer> claimed = s.units().orElse(Set.of());
            for (Integer unit : List.copyOf(firstOfRun.keySet())) {
                if (!claimed.contains(unit)) { // given up, or not answered: the run ends
                    runsByUnit.computeIfAbsent(unit, u -> new ArrayList<>())
                            .add(run(firstOfRun.remove(unit), lastOfRun.remove(unit)));
                }
            }
            for (Integer unit : claimed) {
                firstOfRun.putIfAbsent(unit, s);
                lastOfRun.put(unit, s);
            }
        }
        firstOfRun.forEach((unit, first) -> runsByUnit.computeIfAbsent(unit, u -> new ArrayList<>())
                .add(run(first, lastOfRun.get(unit))));
    }

    private static ClaimRun run(Sample first, Sample last) {
        return new ClaimRun(first.member(), first.start(), first.end(), last.start(), last.end(), first != last);
    }
}
