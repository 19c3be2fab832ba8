package io.cohort.replication.sim;

import io.cohort.cluster.member.MemberId;
import io.cohort.replication.sim.SimConnection.Segment;
import io.cohort.replication.sync.FrameSink;
import io.cohort.replication.sync.OwnStateTable;
import io.cohort.replication.sync.PeerOutbox;
import io.cohort.replication.sync.ReconnectBackoff;
import io.cohort.replication.wire.ReplicationFrame;
import io.cohort.time.Timer;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * The simulated counterpart of the transport's {@code PeerLink}, by the same rules (replication
 * README, "Failures"): this member's connection to one peer, over which its own state goes through
 * a {@link PeerOutbox}; opened, re-opened after {@link ReconnectBackoff}, probed with a barrier
 * after {@code probeInterval} without a read and given up after {@code unansweredProbes}
 * unanswered probes. The sink stops being writable above a number of frames in flight, as a
 * Netty channel does above its high-water mark.
 */
final class SimPeerLink {
    /** Frames in flight at which the connection stops being writable (the high-water mark). */
    static final int HIGH_WATER_FRAMES = 24;

    private final MemberId self;
    private final MemberId peer;
    private final MemberLoop loop;
    private final SimStreams streams;
    private final LinkTimings timings;
    private final PeerOutbox outbox;
    private final ReconnectBackoff backoff;
    private SimConnection connection;
    private FrameSink sink = FrameSink.DISCONNECTED;
    private Timer retry = Timer.NONE;
    private Timer idle = Timer.NONE;
    private long lastRead;
    private int unansweredProbes;
    private boolean closed;

    SimPeerLink(MemberId self, MemberId peer, MemberLoop loop, SimStreams streams, LinkTimings timings,
                OwnStateTable table, long backoffSeed) {
        this.self = self;
        this.peer = peer;
        this.loop = loop;
        this.streams = streams;
        this.timings = timings;
        this.outbox = new PeerOutbox(table, () -> loop.schedule(timings.coalesceDelay(), this::drain));
        this.backoff = new ReconnectBackoff(timings.reconnectInitial(), timings.reconnectMax(), backoffSeed);
    }

    void start() {
        connect();
    }

    /** The peer left the cluster: the connection closes and barriers waiting for it complete. */
    void close() {
        closed = true;
        retry.cancel();
        dropConnection();
        outbox.close();
    }

    boolean closed() {
        return closed;
    }

    CompletableFuture<Void> barrier() {
        return outbox.barrier();
    }

    boolean connected() {
        return outbox.isConnected();
    }

    int dirtyKeys() {
        return outbox.dirtyKeys();
    }

    /** A segment from the peer on one of our connections (only the current one counts). */
    void segment(SimConnection from, Segment segment) {
        if (from != connection) {
            return;
        }
        switch (segment) {
            case Segment.Fin fin -> lost();
            case Segment.Data data -> {
                lastRead = loop.nanos();
                unansweredProbes = 0;
                if (data.frame() instanceof ReplicationFrame.BarrierAck ack) {
                    outbox.acknowledged(ack.sequence());
                } else if (data.frame() instanceof ReplicationFrame.Outbid outbid) {
                    outbid(outbid);
                } else {
                    throw new AssertionError(self + ": a " + data.frame().kind() + " frame from " + peer
                            + " on the connection we send on");
                }
            }
        }
    }

    /** As the transport's {@code PeerLink}: a newer epoch now, or once the hold is over. */
    private void outbid(ReplicationFrame.Outbid outbid) {
        long wait = outbox.outbid(outbid.unit(), outbid.epoch());
        if (wait > 0) {
            loop.schedule(java.time.Duration.ofNanos(wait * 1_000), () -> outbid(outbid));
        }
    }

    boolean owns(SimConnection candidate) {
        return candidate == connection;
    }

    private void connect() {
        if (closed) {
            return;
        }
        streams.connect(self, peer, loop, timings.handshakeTimeout(), this::established, this::failed);
    }

    private void established(SimConnection opened) {
        if (closed || connection != null) {
            opened.close(self, streams.latency());
            return;
        }
        connection = opened;
        backoff.reset();
        unansweredProbes = 0;
        lastRead = loop.nanos();
        armIdle(timings.probeInterval());
        SimConnection current = opened;
        opened.toAcceptor().onDrained(() -> loop.execute(() -> {
            if (connection == current) {
                drain();
            }
        }));
        sink = new FrameSink() {
            @Override
            public boolean writable() {
                return current.toAcceptor().inFlight() < HIGH_WATER_FRAMES;
            }

            @Override
            public void send(ReplicationFrame frame) {
                current.toAcceptor().send(new Segment.Data(frame), streams.latency());
            }

            @Override
            public void flush() { }
        };
        outbox.connected();
    }

    private void failed() {
        if (!closed) {
            retry = loop.schedule(backoff.next(), this::connect);
        }
    }

    /** The connection, if up, failed: it closes and another is opened after the backoff. */
    void connectionFailed() {
        if (connection != null) {
            lost();
        }
    }

    /** The connection is gone (a FIN or reset from the peer, or we gave up on it): reconnect. */
    private void lost() {
        dropConnection();
        failed();
    }

    private void dropConnection() {
        idle.cancel();
        if (connection != null) {
            connection.close(self, streams.latency());
            connection = null;
            sink = FrameSink.DISCONNECTED;
            outbox.disconnected();
        }
    }

    private void drain() {
        outbox.drain(sink);
    }

    /** Netty's reader-idle event after {@code probeInterval} without a read, again after each further one. */
    private void armIdle(Duration after) {
        idle = loop.schedule(after, () -> {
            long quiet = loop.nanos() - lastRead;
            long probe = timings.probeInterval().toNanos();
            if (quiet < probe) {
                armIdle(Duration.ofNanos(probe - quiet));
            } else if (unansweredProbes == timings.unansweredProbes()) {
                lost();
            } else {
                unansweredProbes++;
                outbox.barrier();
                armIdle(timings.probeInterval());
            }
        });
    }
}
