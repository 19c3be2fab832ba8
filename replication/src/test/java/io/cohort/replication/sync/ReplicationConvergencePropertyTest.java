package io.cohort.replication.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.cohort.cluster.member.MemberId;
import io.cohort.cluster.unit.WorkUnit;
import io.cohort.replication.ReplicaStore;
import io.cohort.replication.StateKey;
import io.cohort.replication.UnitKey;
import io.cohort.replication.wire.ReplicationFrame;
import io.cohort.testsupport.FailingCaseReport;
import io.cohort.testsupport.RandomValues;
import io.cohort.testsupport.SeededCases;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * An owner's table and a peer's store, joined by a connection that fills up, delivers frames late
 * and breaks (undelivered frames lost): whatever the sequence, once a connection is up and has
 * drained, the peer holds exactly the owner's state, and every barrier asked for has completed.
 */
@ExtendWith(FailingCaseReport.class)
class ReplicationConvergencePropertyTest {
    private static final MemberId OWNER = MemberId.of("owner");

    static Stream<Arguments> histories() {
        return SeededCases.of(500, random -> Arguments.of(random.seed(), random.intBetween(1, 300)));
    }

    @ParameterizedTest
    @MethodSource("histories")
    void thePeerEndsWithExactlyTheOwnersState(long seed, int steps) {
        RandomValues random = new RandomValues(seed);
        OwnStateTable table = new OwnStateTable(io.cohort.cluster.member.MemberId.of("owner"), new ReplicaStore(),
                () -> 1);
        PeerOutbox outbox = new PeerOutbox(table, () -> { });
        ReplicaStore store = new ReplicaStore();
        Connection connection = null;
        List<CompletableFuture<Void>> barriers = new ArrayList<>();

        for (int step = 0; step < steps; step++) {
            switch (random.intBetween(0, 9)) {
                case 0, 1, 2 -> table.put(key(random), random.bytes(0, 8));
                case 3 -> table.remove(key(random));
                case 4 -> barriers.add(outbox.barrier());
                case 5, 6 -> {
                    if (connection != null) {
                        connection.sink.capacity = connection.sink.sent.size() + random.intBetween(0, 6);
                        outbox.drain(connection.sink);
                    }
                }
                case 7 -> {
                    if (connection != null) {
                        connection.deliver(random.intBetween(0, connection.sink.sent.size()), outbox);
                    }
                }
                case 8 -> {
                    if (connection != null) {
                        outbox.disconnected();
                        connection = null;
                    }
                }
                default -> {
                    if (connection == null) {
                        connection = new Connection(store);
                        outbox.connected();
                    }
                }
            }
        }
        if (connection == null) {
            connection = new Connection(store);
            outbox.connected();
        }
        connection.sink.capacity = Integer.MAX_VALUE;
        outbox.drain(connection.sink);
        connection.deliver(connection.sink.sent.size(), outbox);

        assertThat(replicas(store)).isEqualTo(owned(table));
        assertThat(barriers).allMatch(CompletableFuture::isDone);
        assertThat(outbox.dirtyKeys()).isZero();
    }

    /** One connection: frames sent and not yet delivered, and the intake at the far end. */
    private static final class Connection {
        final RecordingSink sink = new RecordingSink();
        final ReplicaIntake intake;

        Connection(ReplicaStore store) {
            intake = new ReplicaIntake(OWNER, store);
        }

        void deliver(int frames, PeerOutbox outbox) {
            for (int i = 0; i < frames; i++) {
                ReplicationFrame frame = sink.sent.removeFirst();
                sink.capacity--;
                switch (intake.accept(frame)) {
                    case ReplicaIntake.Outcome.Answer answer ->
                            outbox.acknowledged(((ReplicationFrame.BarrierAck) answer.frame()).sequence());
                    case ReplicaIntake.Outcome.Violation violation -> throw new AssertionError(violation.detail());
                    case ReplicaIntake.Outcome.Applied applied -> { }
                    case ReplicaIntake.Outcome.Stale stale -> throw new AssertionError("one owner's frame was stale: " + frame);
                }
            }
        }
    }

    private static UnitKey key(RandomValues random) {
        return new UnitKey(WorkUnit.of(random.intBetween(0, 2)), new StateKey(1, random.intBetween(0, 7)));
    }

    private static Map<UnitKey, List<Byte>> replicas(ReplicaStore store) {
        Map<UnitKey, List<Byte>> out = new HashMap<>();
        for (int unit = 0; unit < 3; unit++) {
            WorkUnit u = WorkUnit.of(unit);
            store.unit(u).forEach((key, replica) -> out.put(new UnitKey(u, key), boxed(replica.state())));
        }
        return out;
    }

    private static Map<UnitKey, List<Byte>> owned(OwnStateTable table) {
        Map<UnitKey, List<Byte>> out = new HashMap<>();
        for (UnitKey key : Set.copyOf(table.keys())) {
            out.put(key, boxed(table.get(key)));
        }
        return out;
    }

    private static List<Byte> boxed(byte[] bytes) {
        List<Byte> out = new ArrayList<>(bytes.length);
        for (byte b : bytes) {
            out.add(b);
        }
        return out;
    }
}
