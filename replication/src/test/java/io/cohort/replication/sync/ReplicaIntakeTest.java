package io.cohort.replication.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.cohort.cluster.member.MemberId;
import io.cohort.cluster.unit.WorkUnit;
import io.cohort.replication.ReplicaStore;
import io.cohort.replication.StateKey;
import io.cohort.replication.wire.ReplicationFrame.Barrier;
import io.cohort.replication.wire.ReplicationFrame.BarrierAck;
import io.cohort.replication.wire.ReplicationFrame.Put;
import io.cohort.replication.wire.ReplicationFrame.Remove;
import io.cohort.replication.wire.ReplicationFrame.SnapshotBegin;
import io.cohort.replication.wire.ReplicationFrame.SnapshotEnd;
import org.junit.jupiter.api.Test;

class ReplicaIntakeTest {
    private static final MemberId ALPHA = MemberId.of("alpha");
    private static final MemberId BETA = MemberId.of("beta");
    private static final WorkUnit UNIT = WorkUnit.of(9);
    private static final StateKey K1 = new StateKey(1, 1);
    private static final StateKey K2 = new StateKey(1, 2);

    private final ReplicaStore store = new ReplicaStore();
    private final ReplicaIntake fromAlpha = new ReplicaIntake(ALPHA, store);

    @Test
    void putsAreStoredAsTheSendersState() {
        assertThat(fromAlpha.accept(new Put(UNIT, K1, 1, new byte[] {1}))).isInstanceOf(ReplicaIntake.Outcome.Applied.class);

        assertThat(store.unit(UNIT).get(K1).origin()).isEqualTo(ALPHA);
    }

    @Test
    void aSnapshotDropsTheSendersKeysItDidNotCarryButNobodyElses() {
        store.put(ALPHA, UNIT, K1, 1, new byte[] {1});
        store.put(ALPHA, UNIT, K2, 1, new byte[] {2});
        store.put(BETA, WorkUnit.of(10), K1, 1, new byte[] {3});

        fromAlpha.accept(new SnapshotBegin());
        fromAlpha.accept(new Put(UNIT, K2, 1, new byte[] {4}));
        fromAlpha.accept(new SnapshotEnd(1, units(UNIT)));

        assertThat(store.unit(UNIT)).containsOnlyKeys(K2);
        assertThat(store.unit(WorkUnit.of(10))).containsOnlyKeys(K1);
        assertThat(fromAlpha.snapshots()).isEqualTo(1);
    }

    /**
     * Found by the failover simulation: alpha, paused past its lease, resumed, gave its unit up and
     * reconnected while the unit's next owner had not taken it over yet; its snapshot, without the
     * unit, dropped the replicas the next owner was about to rebuild from, acknowledged sessions
     * and all.
     */
    @Test
    void aSnapshotLeavesTheReplicasOfAUnitTheSenderGaveUp() {
        store.put(ALPHA, UNIT, K1, 1, new byte[] {1});
        store.put(ALPHA, WorkUnit.of(10), K1, 1, new byte[] {2});

        fromAlpha.accept(new SnapshotBegin());
        fromAlpha.accept(new Put(WorkUnit.of(10), K2, 1, new byte[] {3}));
        fromAlpha.accept(new SnapshotEnd(1, units(WorkUnit.of(10))));

        assertThat(store.unit(UNIT)).containsOnlyKeys(K1);
        assertThat(store.unit(WorkUnit.of(10))).containsOnlyKeys(K2);
    }

    @Test
    void aSnapshotLeavesTheSendersKeysInUnitsItNoLongerCovers() {
        // Alpha was paused or restarted and let unit 10 go: its next owner rebuilds from these.
        store.put(ALPHA, UNIT, K1, 1, new byte[] {1});
        store.put(ALPHA, WorkUnit.of(10), K1, 1, new byte[] {2});

        fromAlpha.accept(new SnapshotBegin());
        fromAlpha.accept(new SnapshotEnd(0, units(UNIT)));

        assertThat(store.unit(UNIT)).isEmpty();
        assertThat(store.unit(WorkUnit.of(10))).containsOnlyKeys(K1);
    }

    private static java.util.SortedSet<WorkUnit> units(WorkUnit... units) {
        return new java.util.TreeSet<>(java.util.List.of(units));
    }

    @Test
    void aFormerOwnersLateFramesLeaveTheNewOwnersStateAndAreStale() {
        store.put(BETA, UNIT, K1, 5, new byte[] {1});

        assertThat(fromAlpha.accept(new Remove(UNIT, K1, 4))).isInstanceOf(ReplicaIntake.Outcome.Stale.class);
        assertThat(fromAlpha.accept(new Put(UNIT, K2, 4, new byte[] {2}))).isInstanceOf(ReplicaIntake.Outcome.Stale.class);

        assertThat(store.unit(UNIT)).containsOnlyKeys(K1);
        new ReplicaIntake(BETA, store).accept(new Remove(UNIT, K1, 5));
        assertThat(store.unit(UNIT)).isEmpty();
    }

    @Test
    void aBarrierIsAnsweredAtOnce() {
        assertThat(fromAlpha.accept(new Barrier(7))).isEqualTo(new ReplicaIntake.Outcome.Answer(new BarrierAck(7)));
    }

    @Test
    void snapshotsOutOfOrderOrShortOfTheirPutsAreViolations() {
        assertThat(fromAlpha.accept(new SnapshotEnd(0, units()))).isInstanceOf(ReplicaIntake.Outcome.Violation.class);
        fromAlpha.accept(new SnapshotBegin());
        assertThat(fromAlpha.accept(new SnapshotBegin())).isInstanceOf(ReplicaIntake.Outcome.Violation.class);
        assertThat(fromAlpha.accept(new SnapshotEnd(3, units()))).isInstanceOf(ReplicaIntake.Outcome.Violation.class);
        assertThat(fromAlpha.accept(new BarrierAck(1))).isInstanceOf(ReplicaIntake.Outcome.Violation.class);
    }
}
