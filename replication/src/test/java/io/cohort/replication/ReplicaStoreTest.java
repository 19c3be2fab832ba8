package io.cohort.replication;

import static org.assertj.core.api.Assertions.assertThat;

import io.cohort.cluster.member.MemberId;
import io.cohort.cluster.unit.WorkUnit;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ReplicaStoreTest {
    private static final MemberId A = MemberId.of("a");
    private static final MemberId B = MemberId.of("b");
    private static final WorkUnit UNIT = WorkUnit.of(7);
    private static final StateKey K1 = new StateKey(1, 1);
    private static final StateKey K2 = new StateKey(1, 2);

    private final ReplicaStore store = new ReplicaStore();

    @Test
    void theNewerEpochsPutOfAKeyWins() {
        assertThat(store.put(A, UNIT, new StateKey(1, 5), 10, new byte[] {1, 2, 3})).isTrue();
        assertThat(store.put(B, UNIT, new StateKey(1, 5), 11, new byte[] {4})).isTrue();

        assertThat(store.unit(UNIT)).containsOnlyKeys(new StateKey(1, 5));
        assertThat(store.unit(UNIT).get(new StateKey(1, 5)).epoch()).isEqualTo(new OwnerEpoch(11, B));
        assertThat(store.unit(UNIT).get(new StateKey(1, 5)).state()).containsExactly(4);
        assertThat(store.entries()).isEqualTo(1);
        assertThat(store.bytes()).isEqualTo(1);
        assertThat(store.newest(UNIT)).contains(new OwnerEpoch(11, B));
    }

    /**
     * The table of a frame arriving after the unit's newest epoch is {@code 10@b}: older epochs are
     * a former owner's, late on the wire, and change nothing; the same epoch is the current owner's;
     * equal values order by member name (two owners at once).
     */
    @ParameterizedTest(name = "{0} {1}@{2} -> applied {3}")
    @CsvSource({
            "put,    9,  b, false",
            "put,    10, a, false",
            "put,    10, b, true",
            "put,    10, c, true",
            "put,    11, a, true",
            "remove, 9,  b, false",
            "remove, 10, a, false",
            "remove, 10, b, true",
            "remove, 11, a, true"})
    void aFrameOlderThanTheUnitsNewestEpochChangesNothing(String kind, long epoch, String origin, boolean applied) {
        store.put(B, UNIT, K1, 10, new byte[] {1});
        MemberId by = MemberId.of(origin);

        boolean result = kind.equals("put") ? store.put(by, UNIT, K1, epoch, new byte[] {2})
                : store.remove(by, UNIT, K1, epoch);

        assertThat(result).isEqualTo(applied);
        assertThat(store.stale()).isEqualTo(applied ? 0 : 1);
        if (!applied) {
            assertThat(store.unit(UNIT).get(K1).state()).containsExactly(1);
            assertThat(store.newest(UNIT)).contains(new OwnerEpoch(10, B));
        } else if (kind.equals("remove")) {
            assertThat(store.unit(UNIT)).isEmpty();
        } else {
            assertThat(store.unit(UNIT).get(K1).epoch()).isEqualTo(new OwnerEpoch(epoch, by));
        }
    }

    @Test
    void theNewOwnersRemovalDeletesTheFormerOwnersStateOfTheKey() {
        store.put(A, UNIT, K1, 10, new byte[] {1});
        store.put(A, UNIT, K2, 10, new byte[] {2});

        store.remove(B, UNIT, K1, 12);
        store.put(A, UNIT, K1, 10, new byte[] {3}); // A's, late: the unit is B's since epoch 12
        store.put(A, UNIT, new StateKey(1, 3), 10, new byte[] {3});

        assertThat(store.unit(UNIT)).containsOnlyKeys(K2);
        assertThat(store.stale()).isEqualTo(2);
    }

    @Test
    void aUnitsNewestEpochOutlivesItsKeys() {
        store.put(B, UNIT, K1, 12, new byte[] {1});
        store.forget(UNIT);

        assertThat(store.put(A, UNIT, K1, 10, new byte[] {2})).isFalse();
        assertThat(store.unit(UNIT)).isEmpty();
        assertThat(store.newest(UNIT)).contains(new OwnerEpoch(12, B));
        assertThat(store.newest(WorkUnit.of(8))).isEmpty();
    }

    @Test
    void keysComeBackParentSpaceFirst() {
        store.put(A, UNIT, new StateKey(2, 1), 1, new byte[1]);
        store.put(A, UNIT, new StateKey(1, 9), 1, new byte[1]);
        store.put(A, UNIT, new StateKey(1, 3), 1, new byte[1]);

        assertThat(store.unit(UNIT).keySet()).containsExactly(new StateKey(1, 3), new StateKey(1, 9), new StateKey(2, 1));
    }

    @Test
    void removingAndForgettingGiveTheOctetsBack() {
        store.put(A, UNIT, K1, 1, new byte[10]);
        store.put(A, UNIT, K2, 1, new byte[20]);
        store.put(A, WorkUnit.of(8), K1, 1, new byte[5]);

        store.remove(A, UNIT, K1, 1);
        assertThat(store.bytes()).isEqualTo(25);
        store.forget(UNIT);

        assertThat(store.unit(UNIT)).isEmpty();
        assertThat(store.entries()).isEqualTo(1);
        assertThat(store.bytes()).isEqualTo(5);
        store.remove(A, UNIT, new StateKey(9, 9), 1);
        assertThat(store.entries()).isEqualTo(1);
    }

    @Test
    void aReplicaNeverPrintsItsState() {
        assertThat(new ReplicaStore.Replica(new OwnerEpoch(3, A), new byte[] {0x55, 0x66}).toString())
                .doesNotContain("85", "102").contains("2 B", "3@a");
    }

    @Test
    void retainingDropsOnlyThatOriginsOtherKeysInTheUnitsItCovers() {
        store.put(A, UNIT, K1, 1, new byte[1]);
        store.put(A, UNIT, K2, 1, new byte[2]);
        store.put(B, UNIT, new StateKey(1, 3), 1, new byte[4]);
        store.put(A, WorkUnit.of(8), K1, 1, new byte[8]);
        store.put(A, WorkUnit.of(9), K1, 1, new byte[16]); // A let unit 9 go: kept for its next owner

        int dropped = store.retain(A, Set.of(UNIT, WorkUnit.of(8)), Set.of(new UnitKey(UNIT, K2)));

        assertThat(dropped).isEqualTo(2);
        assertThat(store.unit(UNIT)).containsOnlyKeys(K2, new StateKey(1, 3));
        assertThat(store.unit(WorkUnit.of(8))).isEmpty();
        assertThat(store.unit(WorkUnit.of(9))).containsOnlyKeys(K1);
        assertThat(store.bytes()).isEqualTo(22);
        assertThat(store.entries()).isEqualTo(3);
    }

    /**
     * Found by the failover simulation: a member took a unit over while its former owner kept it
     * through a change of master, then was paused; the former owner served it on and published a
     * newer state, which reached the member, which then gave the unit up: its own older state
     * replaced the newer replica, and was all it rebuilt when the unit came back to it. Its own
     * last state, kept under its older epoch, now changes nothing.
     */
    @Test
    void anOwnStateKeptOnReleaseLeavesANewerOwnersReplica() {
        store.put(B, UNIT, K1, 12, new byte[] {5});

        store.put(A, UNIT, K1, 11, new byte[] {4});
        store.put(A, UNIT, K2, 11, new byte[] {4});

        assertThat(store.unit(UNIT)).containsOnlyKeys(K1);
        assertThat(store.unit(UNIT).get(K1).state()).containsExactly(5);
    }

    /**
     * Found by the failover simulation: a member's fallback copy of a key the unit's next owner
     * removed while the member was away (it never got the removal, only the owner's snapshot when
     * it came back) was rebuilt when the unit came back to it, a session that had ended.
     */
    @Test
    void aSnapshotFromTheUnitsNewestOwnerDropsWhatItDidNotCarryWhoeverPublishedIt() {
        store.keepReleased(A, UNIT, K1, 5, new byte[] {1});
        store.put(MemberId.of("c"), UNIT, K2, 6, new byte[] {2}); // a former owner's, never removed
        store.put(B, UNIT, new StateKey(1, 3), 7, new byte[] {3});

        int dropped = store.retain(B, Set.of(UNIT), Set.of(new UnitKey(UNIT, new StateKey(1, 3))));

        assertThat(dropped).isEqualTo(2);
        assertThat(store.unit(UNIT)).containsOnlyKeys(new StateKey(1, 3));
    }

    @Test
    void aSnapshotFromAFormerOwnerDropsOnlyItsOwnKeys() {
        store.put(A, UNIT, K1, 5, new byte[] {1});
        store.put(B, UNIT, K2, 7, new byte[] {2});

        store.retain(A, Set.of(UNIT), Set.of());

        assertThat(store.unit(UNIT)).containsOnlyKeys(K2);
    }

    @Test
    void aFallbackCopySetsNoEpochAndAnyPutReplacesIt() {
        store.keepReleased(A, UNIT, K1, 9, new byte[] {1});

        assertThat(store.newest(UNIT)).isEmpty();
        assertThat(store.put(B, UNIT, K1, 4, new byte[] {2})).isTrue();
        assertThat(store.unit(UNIT).get(K1).epoch()).isEqualTo(new OwnerEpoch(4, B));
    }

    @Test
    void aProtocolForgetsOnlyItsOwnKeysOfAUnit() {
        store.put(A, UNIT, new StateKey(0x0100, 1), 1, new byte[10]);
        store.put(A, UNIT, new StateKey(0x0201, 1), 1, new byte[20]);

        store.forget(UNIT, key -> key.space() < 0x0200);

        assertThat(store.unit(UNIT).keySet()).containsExactly(new StateKey(0x0201, 1));
        assertThat(store.entries()).isEqualTo(1);
        assertThat(store.bytes()).isEqualTo(20);
        store.forget(UNIT, key -> true);
        assertThat(store.unit(UNIT)).isEmpty();
        assertThat(store.bytes()).isZero();
    }
}
