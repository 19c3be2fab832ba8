package io.cohort.replication.sync;

import io.cohort.cluster.member.MemberId;
import io.cohort.cluster.unit.WorkUnit;
import io.cohort.replication.ReplicaStore;
import io.cohort.replication.UnitKey;
import io.cohort.replication.wire.ReplicationFrame;
import io.cohort.replication.wire.ReplicationFrame.Barrier;
import io.cohort.replication.wire.ReplicationFrame.BarrierAck;
import io.cohort.replication.wire.ReplicationFrame.Outbid;
import io.cohort.replication.wire.ReplicationFrame.Put;
import io.cohort.replication.wire.ReplicationFrame.Remove;
import io.cohort.replication.wire.ReplicationFrame.SnapshotBegin;
import io.cohort.replication.wire.ReplicationFrame.SnapshotEnd;
import java.util.HashSet;
import java.util.Objects;
import java.util.Set;

/**
 * Applies what one peer sends on one connection to the {@link ReplicaStore}, as that peer's
 * ({@code origin}'s) state. A snapshot replaces everything the peer published before: its keys that
 * the snapshot does not carry are stale and dropped. A barrier is answered once everything before
 * it is applied, which, frames being applied in order, is at once. One instance per connection,
 * used on that connection's thread.
 */
public final class ReplicaIntake {
    private final MemberId origin;
    private final ReplicaStore store;
    private Set<UnitKey> snapshotKeys; // non-null between SNAPSHOT_BEGIN and SNAPSHOT_END
    private long snapshotPuts;
    private int snapshots;

    /** What to do after a frame: nothing more, answer the peer, or close the connection. */
    public sealed interface Outcome {
        record Applied() implements Outcome { }

        /**
         * A put or removal older than its unit's newest epoch here: it changed nothing; the sender
         * is told with {@code answer}.
         */
        record Stale(Outbid answer) implements Outcome {
            public Stale {
                Objects.requireNonNull(answer);
            }
        }

        record Answer(ReplicationFrame frame) implements Outcome {
            public Answer {
                Objects.requireNonNull(frame);
            }
        }

        /** The peer broke the protocol; {@code detail} names what, never state. */
        record Violation(String detail) implements Outcome {
            public Violation {
                Objects.requireNonNull(detail);
            }
        }
    }

    private static final Outcome APPLIED = new Outcome.Applied();

    public ReplicaIntake(MemberId origin, ReplicaStore store) {
        this.origin = Objects.requireNonNull(origin);
        this.store = Objects.requireNonNull(store);
    }

    public MemberId origin() {
        return origin;
    }

    /** Snapshots completed on this connection. */
    public int snapshots() {
        return snapshots;
    }

    public Outcome accept(ReplicationFrame frame) {
        return switch (frame) {
            case Put p -> {
                boolean current = store.put(origin, p.unit(), p.key(), p.epoch(), p.state());
                if (snapshotKeys != null) {
                    snapshotKeys.add(p.unitKey());
                    snapshotPuts++;
                }
                yield current ? APPLIED : outbid(p.unit());
            }
            case Remove r -> store.remove(origin, r.unit(), r.key(), r.epoch()) ? APPLIED : outbid(r.unit());
            case SnapshotBegin b -> {
                if (snapshotKeys != null) {
                    yield new Outcome.Violation("a snapshot began inside a snapshot");
                }
                snapshotKeys = new HashSet<>();
                snapshotPuts = 0;
                yield APPLIED;
            }
            case SnapshotEnd e -> endSnapshot(e);
            case Barrier b -> new Outcome.Answer(new BarrierAck(b.sequence()));
            case BarrierAck a -> new Outcome.Violation("a barrier acknowledgement on a connection that sends no barriers");
            case Outbid o -> new Outcome.Violation("an outbid answer on a connection that sends no puts");
        };
    }

    private Outcome outbid(WorkUnit unit) {
        return new Outcome.Stale(new Outbid(unit, store.newest(unit).orElseThrow().value()));
    }

    private Outcome endSnapshot(SnapshotEnd end) {
        if (snapshotKeys == null) {
            return new Outcome.Violation("a snapshot ended that did not begin");
        }
        if (end.puts() != snapshotPuts) {
            return new Outcome.Violation("the snapshot announced " + end.puts() + " puts, " + snapshotPuts + " arrived");
        }
        store.retain(origin, end.covered(), snapshotKeys);
        snapshotKeys = null;
        snapshots++;
        return APPLIED;
    }
}
