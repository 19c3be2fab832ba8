package io.cohort.benchmarks.replication;

import io.cohort.cluster.member.MemberId;
import io.cohort.cluster.unit.WorkUnit;
import io.cohort.replication.ReplicaStore;
import io.cohort.replication.StateKey;
import io.cohort.replication.UnitKey;
import io.cohort.replication.UnitStatePublisher;
import io.cohort.replication.sync.FrameSink;
import io.cohort.replication.sync.OwnStateTable;
import io.cohort.replication.sync.PeerOutbox;
import io.cohort.replication.sync.ReplicaIntake;
import io.cohort.replication.wire.FrameFault;
import io.cohort.replication.wire.ReplicationFrame;
import io.cohort.replication.wire.ReplicationFrameCodec;
import io.cohort.wire.DecodeResult;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;

/**
 * One member's replication to one peer in a single thread, without Netty or TLS (replication
 * README, "Design"): what the member's engines put goes into the real {@link OwnStateTable} and
 * {@link PeerOutbox}; every frame the outbox sends is encoded by {@link ReplicationFrameCodec},
 * length field included (the octets TLS would carry); {@link #deliver} decodes them again and
 * applies them through a {@link ReplicaIntake} to the peer's {@link ReplicaStore}. Sending
 * ({@link #drain}) and receiving ({@link #deliver}) are separate steps so that each side can be
 * timed alone. The outbox's wake-up does nothing: whoever drives the engines drains.
 */
public final class InProcessReplication implements UnitStatePublisher {
    /** The member that publishes, as the peer's store records it. */
    public static final MemberId OWNER = MemberId.of("owner");

    /** One frame as it went on the wire: the frame and its encoded length. */
    public record SentFrame(ReplicationFrame frame, int octets) {
        public SentFrame {
            Objects.requireNonNull(frame);
        }
    }

    /** The owner's own store: where its epochs come from (a clock at 1 µs: every unit's first epoch is 1). */
    private final OwnStateTable own = new OwnStateTable(OWNER, new ReplicaStore(), () -> 1);
    private final PeerOutbox outbox = new PeerOutbox(own, () -> { });
    private final ArrayDeque<byte[]> inFlight = new ArrayDeque<>();
    private final EncodingSink sink = new EncodingSink();
    private ReplicaStore replicas = new ReplicaStore();
    private ReplicaIntake intake = new ReplicaIntake(OWNER, replicas);
    private Consumer<SentFrame> tap = frame -> { };
    private long framesSent;
    private long octetsSent;

    /** Every frame sent from now on is also shown to {@code observer} (for tables of sizes). */
    public void tap(Consumer<SentFrame> observer) {
        tap = Objects.requireNonNull(observer);
    }

    @Override
    public void put(WorkUnit unit, StateKey key, byte[] state) {
        own.put(new UnitKey(unit, key), state);
    }

    @Override
    public void remove(WorkUnit unit, StateKey key) {
        own.remove(new UnitKey(unit, key));
    }

    @Override
    public void forget(Set<WorkUnit> units) {
        own.forget(Set.copyOf(units));
    }

    /** The peer connects: it gets a snapshot of every key at the next drain, then changes. */
    public void connect() {
        outbox.connected();
    }

    /**
     * The peer is a new member (or restarted): an empty store, a new connection, so a snapshot of
     * every key at the next drain.
     */
    public void join() {
        outbox.disconnected();
        inFlight.clear();
        replicas = new ReplicaStore();
        intake = new ReplicaIntake(OWNER, replicas);
        outbox.connected();
    }

    /** The sending side: encodes everything due for the peer; returns the octets it encoded. */
    public long drain() {
        long before = octetsSent;
        outbox.drain(sink);
        return octetsSent - before;
    }

    /** The receiving side: decodes what was sent and applies it to the peer's store; returns the frames applied. */
    public int deliver() {
        int applied = 0;
        byte[] encoded;
        while ((encoded = inFlight.poll()) != null) {
            ReplicationFrame frame = switch (ReplicationFrameCodec.decode(ByteBuffer.wrap(encoded))) {
                case DecodeResult.Decoded<ReplicationFrame, FrameFault> d -> d.value();
                case DecodeResult.Malformed<ReplicationFrame, FrameFault> m ->
                        throw new IllegalStateException("the codec could not read its own frame: " + m.detail());
            };
            switch (intake.accept(frame)) {
                case ReplicaIntake.Outcome.Applied a -> applied++;
                case ReplicaIntake.Outcome.Answer answer -> {
                    applied++;
                    if (answer.frame() instanceof ReplicationFrame.BarrierAck ack) {
                        outbox.acknowledged(ack.sequence());
                    }
                }
                case ReplicaIntake.Outcome.Violation v ->
                        throw new IllegalStateException("the outbox broke the protocol: " + v.detail());
                case ReplicaIntake.Outcome.Stale s ->
                        throw new IllegalStateException("one owner's frame was stale: " + frame);
            }
        }
        return applied;
    }

    /** Both sides, until nothing is due. */
    public void drainAndDeliver() {
        drain();
        deliver();
    }

    /** What the peer holds. */
    public ReplicaStore replicas() {
        return replicas;
    }

    /** Keys this member publishes. */
    public int ownKeys() {
        return own.size();
    }

    /** Keys changed since the last drain. */
    public int dirtyKeys() {
        return outbox.dirtyKeys();
    }

    public long framesSent() {
        return framesSent;
    }

    /** Octets of every frame encoded so far, length fields included, before TLS. */
    public long octetsSent() {
        return octetsSent;
    }

    private final class EncodingSink implements FrameSink {
        @Override
        public boolean writable() {
            return true;
        }

        @Override
        public void send(ReplicationFrame frame) {
            byte[] encoded = ReplicationFrameCodec.encode(frame);
            inFlight.add(encoded);
            framesSent++;
            octetsSent += encoded.length;
            tap.accept(new SentFrame(frame, encoded.length));
        }

        @Override
        public void flush() { }
    }
}
