package io.cohort.replication.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.cohort.cluster.member.MemberId;
import io.cohort.cluster.unit.WorkUnit;
import io.cohort.replication.ReplicaStore;
import io.cohort.replication.StateKey;
import io.cohort.replication.UnitKey;
import java.util.Set;
import org.junit.jupiter.api.Test;

class OwnStateTableTest {
    private static final MemberId SELF = MemberId.of("self");
    private static final WorkUnit GIVEN_UP = WorkUnit.of(3);
    private static final WorkUnit KEPT = WorkUnit.of(4);

    /**
     * Found by the failover simulation: a member paused past its lease gave its units up on
     * resuming, then got one of them back (the least loaded member) and rebuilt nothing from its
     * store, its own published state having been dropped on release.
     */
    @Test
    void releasingKeepsTheLastStateAmongTheReplicasAndStopsPublishingIt() {
        OwnStateTable table = new OwnStateTable();
        ReplicaStore store = new ReplicaStore();
        PeerOutbox outbox = new PeerOutbox(table, () -> { });
        outbox.connected();
        table.put(new UnitKey(GIVEN_UP, new StateKey(1, 1)), new byte[] {7});
        table.put(new UnitKey(KEPT, new StateKey(1, 2)), new byte[] {8});

        table.release(Set.of(GIVEN_UP), SELF, store);

        assertThat(table.size()).isEqualTo(1);
        assertThat(outbox.dirtyKeys()).as("nothing of the unit given up is sent any more").isEqualTo(1);
        assertThat(store.unit(GIVEN_UP)).containsOnlyKeys(new StateKey(1, 1));
        assertThat(store.unit(GIVEN_UP).get(new StateKey(1, 1)).origin()).isEqualTo(SELF);
        assertThat(store.unit(GIVEN_UP).get(new StateKey(1, 1)).state()).containsExactly(7);
        assertThat(store.unit(KEPT)).isEmpty();
    }
}
