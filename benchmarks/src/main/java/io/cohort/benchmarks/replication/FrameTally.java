package io.cohort.benchmarks.replication;

import io.cohort.replication.wire.ReplicationFrame;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.IntFunction;

/**
 * What went on the replication wire, per key space: PUT frames, the state octets they carried and
 * their encoded octets (replication frame header and key included, as {@code ReplicationFrameCodec}
 * writes them before TLS); every other frame (snapshot markers, barriers, removals) counted apart.
 */
final class FrameTally implements Consumer<InProcessReplication.SentFrame> {
    private record SpaceTotals(long puts, long stateOctets, long frameOctets) {
        SpaceTotals plus(int state, int frame) {
            return new SpaceTotals(puts + 1, stateOctets + state, frameOctets + frame);
        }
    }

    private final SortedMap<Integer, SpaceTotals> bySpace = new TreeMap<>();
    private long otherFrames;
    private long otherOctets;

    @Override
    public void accept(InProcessReplication.SentFrame sent) {
        if (sent.frame() instanceof ReplicationFrame.Put put) {
            bySpace.merge(put.key().space(), new SpaceTotals(1, put.state().length, sent.octets()),
                    (a, b) -> a.plus(put.state().length, sent.octets()));
        } else {
            otherFrames++;
            otherOctets += sent.octets();
        }
    }

    void clear() {
        bySpace.clear();
        otherFrames = 0;
        otherOctets = 0;
    }

    long puts() {
        return bySpace.values().stream().mapToLong(SpaceTotals::puts).sum();
    }

    long putOctets() {
        return bySpace.values().stream().mapToLong(SpaceTotals::frameOctets).sum();
    }

    long stateOctets() {
        return bySpace.values().stream().mapToLong(SpaceTotals::stateOctets).sum();
    }

    /** Markdown rows: key space, PUTs, state octets, frame octets; then the totals and the other frames. */
    String rows(IntFunction<String> spaceNames) {
        StringBuilder out = new StringBuilder();
        for (Map.Entry<Integer, SpaceTotals> e : bySpace.entrySet()) {
            SpaceTotals t = e.getValue();
            out.append(String.format("| %s (`0x%04x`) | %d | %d | %d |%n", spaceNames.apply(e.getKey()), e.getKey(),
                    t.puts(), t.stateOctets(), t.frameOctets()));
        }
        out.append(String.format("| **all PUTs** | %d | %d | **%d** |%n", puts(), stateOctets(), putOctets()));
        if (otherFrames > 0) {
            out.append(String.format("| other frames (snapshot markers, barriers, removals) | %d | | %d |%n",
                    otherFrames, otherOctets));
        }
        return out.toString();
    }
}
