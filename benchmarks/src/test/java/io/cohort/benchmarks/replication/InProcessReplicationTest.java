package io.cohort.benchmarks.replication;

import static org.assertj.core.api.Assertions.assertThat;

import io.cohort.cluster.unit.WorkUnit;
import io.cohort.replication.StateKey;
import org.junit.jupiter.api.Test;

class InProcessReplicationTest {
    private static final WorkUnit UNIT = WorkUnit.of(7);
    private static final StateKey KEY = new StateKey(0x0101, 42);

    @Test
    void whatIsPutReachesThePeersStoreOnlyOnceDrainedAndDelivered() {
        InProcessReplication replication = new InProcessReplication();
        replication.connect();
        replication.put(UNIT, KEY, new byte[] {1, 2, 3});

        replication.drain();
        assertThat(replication.replicas().entries()).as("encoded, not yet applied").isZero();
        replication.deliver();

        assertThat(replication.replicas().unit(UNIT).get(KEY).state()).containsExactly(1, 2, 3);
    }

    @Test
    void changesToOneKeyBeforeADrainLeaveAsOneFrameWithTheLatestState() {
        InProcessReplication replication = new InProcessReplication();
        replication.connect();
        replication.drainAndDeliver(); // the (empty) snapshot
        long frames = replication.framesSent();

        for (int i = 0; i < 10; i++) {
            replication.put(UNIT, KEY, new byte[] {(byte) i});
        }
        replication.drainAndDeliver();

        assertThat(replication.framesSent() - frames).isEqualTo(1);
        assertThat(replication.replicas().unit(UNIT).get(KEY).state()).containsExactly(9);
    }

    @Test
    void aJoiningPeerGetsEverythingInASnapshotAndARemovalAfterwards() {
        InProcessReplication replication = new InProcessReplication();
        replication.connect();
        replication.put(UNIT, KEY, new byte[] {1});
        replication.put(UNIT, new StateKey(0x0103, 43), new byte[] {2});
        replication.drainAndDeliver();

        replication.join();
        long octets = replication.drain();
        replication.deliver();
        replication.remove(UNIT, KEY);
        replication.drainAndDeliver();

        assertThat(octets).as("SNAPSHOT_BEGIN 6, two PUTs of 27, SNAPSHOT_END 138").isEqualTo(6 + 2 * 27 + 138);
        assertThat(replication.replicas().unit(UNIT)).containsOnlyKeys(new StateKey(0x0103, 43));
    }
}
