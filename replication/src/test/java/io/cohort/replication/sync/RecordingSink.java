package io.cohort.replication.sync;

import io.cohort.replication.wire.ReplicationFrame;
import java.util.ArrayList;
import java.util.List;

/** A connection that records what it is sent and takes at most {@code capacity} frames before it is full. */
final class RecordingSink implements FrameSink {
    final List<ReplicationFrame> sent = new ArrayList<>();
    int capacity = Integer.MAX_VALUE;
    int flushes;

    @Override
    public boolean writable() {
        return sent.size() < capacity;
    }

    @Override
    public void send(ReplicationFrame frame) {
        sent.add(frame);
    }

    @Override
    public void flush() {
        flushes++;
    }

    List<ReplicationFrame> take() {
        List<ReplicationFrame> frames = List.copyOf(sent);
        sent.clear();
        return frames;
    }
}
