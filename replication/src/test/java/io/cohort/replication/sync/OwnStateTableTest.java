package io.cohort.replication.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.cohort.cluster.member.MemberId;
import io.cohort.cluster.unit.WorkUnit;
import io.cohort.replication.OwnerEpoch;
import io.cohort.replication.ReplicaStore;
import io.cohort.replication.StateKey;
import io.cohort.replication.UnitKey;
import io.cohort.replication.wire.ReplicationFrame;
import java.util.Set;
import org.junit.jupiter.api.Test;

class OwnStateTableTest {
    private static final MemberId SELF = MemberId.of("self");
    private static final MemberId OTHER = MemberId.of("other");
    private static final WorkUnit GIVEN_UP = WorkUnit.of(3);
    private static final WorkUnit KEPT = WorkUnit.of(4);
    private static final UnitKey K1 = new UnitKey(GIVEN_UP, new StateKey(1, 1));
    private static final UnitKey K2 = new UnitKey(GIVEN_UP, new StateKey(1, 2));

    private final ReplicaStore store = new ReplicaStore();
    private long micros = 1_000_000;
    private final OwnStateTable table = new OwnStateTable(SELF, store, () -> micros);

    /**
     * Found by the failover simulation: a member paused past its lease gave its units up on
     * resuming, then got one of them back (the least loaded member) and rebuilt nothing from its
     * store, its own published state having been dropped on release.
     */
    @Test
    void releasingKeepsTheLastStateAmongTheReplicasAndStopsPublishingIt() {
        PeerOutbox outbox = new PeerOutbox(table, () -> { });
        outbox.connected();
        table.put(K1, new byte[] {7});
        table.put(new UnitKey(KEPT, new StateKey(1, 2)), new byte[] {8});

        table.release(Set.of(GIVEN_UP));
        RecordingSink sink = new RecordingSink();
        outbox.drain(sink);
        outbox.drain(sink);

        assertThat(table.size()).isEqualTo(1);
        assertThat(sink.take()).as("an empty snapshot, then the unit given up's last state once, and the other unit's")
                .hasSize(4).containsOnlyOnce(new ReplicationFrame.Put(GIVEN_UP, K1.key(), 1_000_000, new byte[] {7}));
        assertThat(store.unit(GIVEN_UP)).containsOnlyKeys(K1.key());
        assertThat(store.unit(GIVEN_UP).get(K1.key()).epoch()).isEqualTo(new OwnerEpoch(1_000_000, SELF));
        assertThat(store.unit(GIVEN_UP).get(K1.key()).state()).containsExactly(7);
        assertThat(store.unit(KEPT)).isEmpty();
        assertThat(table.epoch(GIVEN_UP)).as("forgotten").isEqualTo(-1);
        assertThat(store.newest(GIVEN_UP)).as("the member's own claim, not the fallback copy's")
                .contains(new OwnerEpoch(1_000_000, SELF));
    }

    @Test
    void aUnitsEpochFollowsEveryEpochSeenThereAndTheClock() {
        store.put(OTHER, GIVEN_UP, K1.key(), 5_000_000, new byte[] {1}); // a clock ahead of ours
        table.put(K1, new byte[] {2});
        table.put(new UnitKey(KEPT, K1.key()), new byte[] {3});
        micros += 10;
        table.put(K2, new byte[] {4});

        assertThat(table.epoch(GIVEN_UP)).as("above the newest seen, and kept").isEqualTo(5_000_001);
        assertThat(table.epoch(KEPT)).as("the clock where nothing was seen").isEqualTo(1_000_000);
    }

    @Test
    void aUnitTakenBackGetsANewerEpochThanItsLastOne() {
        table.put(K1, new byte[] {1});
        table.release(Set.of(GIVEN_UP));

        table.put(K1, new byte[] {2});

        assertThat(table.epoch(GIVEN_UP)).isEqualTo(1_000_001);
    }

    /** Two owners after a partition: the one outbid takes an epoch above the other's, at most once per hold. */
    @Test
    void anOwnerOutbidByAnotherTakesANewerEpochAndSendsTheUnitAgain() {
        table.put(K1, new byte[] {1});
        table.put(K2, new byte[] {2});
        PeerOutbox outbox = new PeerOutbox(table, () -> { });
        outbox.connected();
        RecordingSink sink = new RecordingSink();
        outbox.drain(sink);
        store.put(OTHER, GIVEN_UP, new StateKey(1, 9), 1_000_500, new byte[] {9});

        micros += OwnStateTable.REEPOCH_HOLD - 1;
        table.put(K1, new byte[] {3});
        assertThat(table.epoch(GIVEN_UP)).as("within the hold").isEqualTo(1_000_000);
        micros += 1;
        table.put(K1, new byte[] {4});
        sink.take();
        outbox.drain(sink);

        long next = 1_000_000 + OwnStateTable.REEPOCH_HOLD; // the clock, being above the other's
        assertThat(table.epoch(GIVEN_UP)).isEqualTo(next);
        assertThat(sink.take()).containsExactlyInAnyOrder(
                new ReplicationFrame.Put(GIVEN_UP, K1.key(), next, new byte[] {4}),
                new ReplicationFrame.Put(GIVEN_UP, K2.key(), next, new byte[] {2}));
    }

    @Test
    void anOutbidAnswerMakesAServingOwnerTakeANewerEpochOnceTheHoldIsOver() {
        boolean[] serving = {false};
        table.servedWhile(unit -> serving[0]);
        table.put(K1, new byte[] {1});

        assertThat(table.outbid(GIVEN_UP, 2_000_000)).as("not served: a former owner's late frame").isZero();
        assertThat(table.epoch(GIVEN_UP)).isEqualTo(1_000_000);
        serving[0] = true;
        micros += 40_000;
        assertThat(table.outbid(GIVEN_UP, 2_000_000)).as("asked again after the rest of the hold")
                .isEqualTo(OwnStateTable.REEPOCH_HOLD - 40_000);
        micros += OwnStateTable.REEPOCH_HOLD;
        assertThat(table.outbid(GIVEN_UP, 2_000_000)).isZero();
        assertThat(table.epoch(GIVEN_UP)).isEqualTo(2_000_001);
        assertThat(table.outbid(GIVEN_UP, 2_000_000)).as("already above").isZero();
        assertThat(table.outbid(KEPT, 9_000_000)).as("a unit not published for").isZero();
        assertThat(table.epoch(KEPT)).isEqualTo(-1);
    }
}
