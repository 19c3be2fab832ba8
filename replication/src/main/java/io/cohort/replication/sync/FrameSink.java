package io.cohort.replication.sync;

import io.cohort.replication.wire.ReplicationFrame;

/** Where a {@link PeerOutbox} writes: one connection to a peer. Called on that connection's thread. */
public interface FrameSink {
    /** False while the connection's outbound buffer is above its high-water mark. */
    boolean writable();

    void send(ReplicationFrame frame);

    /** Pushes what {@link #send} queued towards the peer. */
    void flush();
}
