package io.cohort.replication.sync;

import io.cohort.replication.wire.ReplicationFrame;

/** Where a {@link PeerOutbox} writes: one connection to a peer. Called on that connection's thread. */
public interface FrameSink {
    /** False while the connection's outbound buffer is above its high-water mark. */
    boolean writable();

    void send(ReplicationFrame frame);

    /** Pushes what {@link #send} queued towards the peer. */
    void flush();

    /** Where no connection is up: never writable. */
    FrameSink DISCONNECTED = new FrameSink() {
        @Override
        public boolean writable() {
            return false;
        }

        @Override
        public void send(ReplicationFrame frame) {
            throw new IllegalStateException("no connection to send " + frame.kind() + " on");
        }

        @Override
        public void flush() { }
    };
}
