package io.cohort.replication.wire;

import io.cohort.cluster.unit.WorkUnit;
import io.cohort.replication.StateKey;
import io.cohort.replication.UnitKey;
import java.util.Arrays;
import java.util.Collections;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;


/** One message of the replication stream between two members (replication/README.md, "Frames"). */
public sealed interface ReplicationFrame {
    FrameKind kind();

    /**
     * {@code state} is the latest state of {@code key} in {@code unit}, as published by the unit's
     * owner in its ownership {@code epoch} (replication/README.md, "Ownership epochs").
     */
    record Put(WorkUnit unit, StateKey key, long epoch, byte[] state) implements ReplicationFrame {
        public Put {
            Objects.requireNonNull(unit);
            Objects.requireNonNull(key);
            ReplicationFrameCodec.checkEpoch(epoch);
            if (state.length > ReplicationFrameCodec.MAX_STATE) {
                throw new IllegalArgumentException("state of " + state.length + " B is over " + ReplicationFrameCodec.MAX_STATE);
            }
        }

        public UnitKey unitKey() {
            return new UnitKey(unit, key);
        }

        @Override
        public FrameKind kind() {
            return FrameKind.PUT;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Put p && unit.equals(p.unit) && key.equals(p.key) && epoch == p.epoch
                    && Arrays.equals(state, p.state);
        }

        @Override
        public int hashCode() {
            return Objects.hash(unit, key, epoch, Arrays.hashCode(state));
        }

        @Override
        public String toString() {
            // State holds session keys: its length only.
            return "Put[" + unit.value() + "/" + key + ", epoch " + epoch + ", " + state.length + " B]";
        }
    }

    /** {@code key} in {@code unit} no longer exists, says the unit's owner in its ownership {@code epoch}. */
    record Remove(WorkUnit unit, StateKey key, long epoch) implements ReplicationFrame {
        public Remove {
            Objects.requireNonNull(unit);
            Objects.requireNonNull(key);
            ReplicationFrameCodec.checkEpoch(epoch);
        }

        public UnitKey unitKey() {
            return new UnitKey(unit, key);
        }

        @Override
        public FrameKind kind() {
            return FrameKind.REMOVE;
        }
    }

    /** Every key the sender owns follows, up to {@link SnapshotEnd}. */
    record SnapshotBegin() implements ReplicationFrame {
        @Override
        public FrameKind kind() {
            return FrameKind.SNAPSHOT_BEGIN;
        }
    }

    /**
     * The snapshot is complete: the sender's keys in the {@code covered} units that were not put
     * since {@link SnapshotBegin} are stale. {@code covered} are the units the sender publishes
     * for now (it owns them); its keys in other units stay where they are, for whoever takes those
     * units over (a sender that let units go, because it was paused or restarted, must not erase
     * what their next owner rebuilds from). {@code puts} counts the {@link Put} frames sent since
     * the begin, a check on the stream.
     */
    record SnapshotEnd(long puts, Set<WorkUnit> covered) implements ReplicationFrame {
        public SnapshotEnd {
            if (puts < 0 || puts > 0xffff_ffffL) {
                throw new IllegalArgumentException("puts " + puts + " is not an unsigned 32-bit count");
            }
            covered = Collections.unmodifiableSortedSet(new TreeSet<>(covered));
        }

        @Override
        public FrameKind kind() {
            return FrameKind.SNAPSHOT_END;
        }
    }

    /** Answer {@link BarrierAck} with {@code sequence} once every frame before this one is applied. */
    record Barrier(long sequence) implements ReplicationFrame {
        @Override
        public FrameKind kind() {
            return FrameKind.BARRIER;
        }
    }

    /**
     * The receiver's answer to a stale {@link Put} or {@link Remove}: {@code unit} has a newer
     * owner epoch there, of value {@code epoch}. A sender that still owns the unit takes an epoch
     * above it and sends the unit again (two owners at once); one that let it go ignores it.
     */
    record Outbid(WorkUnit unit, long epoch) implements ReplicationFrame {
        public Outbid {
            Objects.requireNonNull(unit);
            ReplicationFrameCodec.checkEpoch(epoch);
        }

        @Override
        public FrameKind kind() {
            return FrameKind.OUTBID;
        }
    }

    /** Every frame before the {@link Barrier} of {@code sequence} is applied. */
    record BarrierAck(long sequence) implements ReplicationFrame {
        @Override
        public FrameKind kind() {
            return FrameKind.BARRIER_ACK;
        }
    }
}
