package io.cohort.replication.sim;

import io.cohort.cluster.member.MemberId;
import io.cohort.cluster.unit.WorkUnit;
import io.cohort.replication.ReplicaStore;
import io.cohort.replication.StateKey;
import io.cohort.replication.UnitKey;
import io.cohort.replication.sim.SimConnection.Segment;
import io.cohort.replication.sync.OwnStateTable;
import io.cohort.replication.sync.ReplicaIntake;
import io.cohort.replication.wire.ReplicationFrame;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;

/**
 * One member process's replication in the simulation, built as the transport's
 * {@code ReplicationService} is from the sans-I/O core: its own state ({@link OwnStateTable}), one
 * {@link SimPeerLink} per peer, and per member that connected to it a {@link ReplicaIntake} into
 * its {@link ReplicaStore} (a newer connection from the same member replaces the older one). Every
 * change the intakes make to the store is shown to a {@link StoreWatcher} first.
 */
final class SimReplication {
    /** Sees each frame before and after the store applies it (the ledger's checks). */
    interface StoreWatcher {
        void applying(MemberId at, MemberId origin, ReplicationFrame frame, ReplicaStore store);

        void applied(MemberId at, MemberId origin, ReplicationFrame frame, ReplicaStore store);

        /** The store ignored {@code frame}: older than its unit's newest epoch there. */
        void stale(MemberId at, MemberId origin, ReplicationFrame frame);
    }

    private record Accepted(SimConnection connection, ReplicaIntake intake) {}

    private final MemberId self;
    private final MemberLoop loop;
    private final SimStreams streams;
    private final LinkTimings timings;
    private final StoreWatcher watcher;
    private final SplittableRandom seeds;
    private final ReplicaStore store = new ReplicaStore();
    private final OwnStateTable own;
    private final Map<MemberId, SimPeerLink> links = new HashMap<>();
    private final Map<MemberId, Accepted> accepted = new HashMap<>();

    SimReplication(MemberId self, MemberLoop loop, SimStreams streams, LinkTimings timings, StoreWatcher watcher,
                   long seed) {
        this.self = self;
        this.loop = loop;
        this.streams = streams;
        this.timings = timings;
        this.watcher = watcher;
        this.seeds = new SplittableRandom(seed);
        this.own = new OwnStateTable(self, store, () -> loop.nanos() / 1_000); // one clock: no skew between members
    }

    /** As the transport's {@code servedWhile}: the units the member's node serves now. */
    void servedWhile(java.util.function.Predicate<WorkUnit> serves) {
        own.servedWhile(serves);
    }


    ReplicaStore store() {
        return store;
    }

    void put(WorkUnit unit, StateKey key, byte[] state) {
        own.put(new UnitKey(unit, key), state);
    }

    void remove(WorkUnit unit, StateKey key) {
        own.remove(new UnitKey(unit, key));
    }

    /** As {@code ReplicationService.forget}: the units' own state is kept among the replicas. */
    void forget(Set<WorkUnit> units) {
        own.release(units);
    }

    /** The peers now (the cluster view's other members): new ones connected, absent ones closed. */
    void peers(Set<MemberId> next) {
        links.entrySet().removeIf(e -> {
            if (!next.contains(e.getKey())) {
                e.getValue().close();
                return true;
            }
            return false;
        });
        for (MemberId peer : next) {
            if (!peer.equals(self) && !links.containsKey(peer)) {
                SimPeerLink link = new SimPeerLink(self, peer, loop, streams, timings, own, seeds.nextLong());
                links.put(peer, link);
                link.start();
            }
        }
    }

    Set<MemberId> peers() {
        return Set.copyOf(links.keySet());
    }

    /**
     * {@code flushed()} split by peer: one barrier per current peer, completing with true once that
     * peer acknowledged everything put before, with false if it left first (no acknowledgement).
     */
    Map<MemberId, CompletableFuture<Boolean>> barriers() {
        Map<MemberId, CompletableFuture<Boolean>> barriers = new HashMap<>();
        links.forEach((peer, link) -> barriers.put(peer, link.barrier().thenApply(done -> !link.closed())));
        return barriers;
    }

    /** Closes the connection to {@code peer} as a network failure would (the transport's {@code resynchronise}). */
    void dropConnection(MemberId peer) {
        SimPeerLink link = links.get(peer);
        if (link != null) {
            link.connectionFailed();
        }
    }

    /** Whether every link is connected with nothing dirty. */
    boolean drained() {
        return links.values().stream().allMatch(l -> l.connected() && l.dirtyKeys() == 0);
    }

    /** {@code connection} from another member is up at our end (its TLS handshake done). */
    void accepted(SimConnection connection) {
        Accepted previous = accepted.put(connection.opener(),
                new Accepted(connection, new ReplicaIntake(connection.opener(), store)));
        if (previous != null) {
            previous.connection().close(self, streams.latency());
        }
    }

    /** A segment on a connection another member opened to us. */
    void segment(SimConnection connection, Segment segment) {
        Accepted current = accepted.get(connection.opener());
        if (current == null || current.connection() != connection) {
            return; // replaced or closed: we read it no more
        }
        switch (segment) {
            case Segment.Fin fin -> {
                accepted.remove(connection.opener());
                connection.close(self, streams.latency());
            }
            case Segment.Data data -> {
                ReplicationFrame frame = data.frame();
                watcher.applying(self, connection.opener(), frame, store);
                switch (current.intake().accept(frame)) {
                    case ReplicaIntake.Outcome.Applied applied -> watcher.applied(self, connection.opener(), frame, store);
                    case ReplicaIntake.Outcome.Stale stale -> {
                        watcher.stale(self, connection.opener(), frame);
                        connection.toOpener().send(new Segment.Data(stale.answer()), streams.latency());
                    }
                    case ReplicaIntake.Outcome.Answer answer ->
                            connection.toOpener().send(new Segment.Data(answer.frame()), streams.latency());
                    case ReplicaIntake.Outcome.Violation violation ->
                            throw new AssertionError(self + ": " + connection.opener() + " broke the protocol: "
                                    + violation.detail());
                }
            }
        }
    }

    /** A segment on a connection we opened. */
    void segmentFromAcceptor(SimConnection connection, Segment segment) {
        SimPeerLink link = links.get(connection.acceptor());
        if (link != null) {
            link.segment(connection, segment);
        }
    }
}
