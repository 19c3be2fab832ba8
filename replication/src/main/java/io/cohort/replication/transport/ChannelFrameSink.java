package io.cohort.replication.transport;

import io.cohort.replication.sync.FrameSink;
import io.cohort.replication.wire.ReplicationFrame;
import io.cohort.replication.wire.ReplicationFrameCodec;
import io.cohort.telemetry.Counter;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import java.util.concurrent.atomic.LongAdder;

/** Frames encoded straight into the channel's buffers, counted as they go. */
final class ChannelFrameSink implements FrameSink {
    private final Channel channel;
    private final Counter framesOut;
    private final Counter bytesOut;
    private final Counter snapshotsOut;
    private final LongAdder peerBytes;

    ChannelFrameSink(Channel channel, Counter framesOut, Counter bytesOut, Counter snapshotsOut, LongAdder peerBytes) {
        this.channel = channel;
        this.framesOut = framesOut;
        this.bytesOut = bytesOut;
        this.snapshotsOut = snapshotsOut;
        this.peerBytes = peerBytes;
    }

    @Override
    public boolean writable() {
        return channel.isActive() && channel.isWritable();
    }

    @Override
    public void send(ReplicationFrame frame) {
        int length = ReplicationFrameCodec.encodedLength(frame);
        ByteBuf buffer = channel.alloc().buffer(length);
        ReplicationFrameCodec.encode(frame, buffer.nioBuffer(buffer.writerIndex(), length));
        buffer.writerIndex(buffer.writerIndex() + length);
        channel.write(buffer, channel.voidPromise());
        framesOut.increment();
        bytesOut.add(length);
        peerBytes.add(length);
        if (frame instanceof ReplicationFrame.SnapshotEnd) {
            snapshotsOut.increment();
        }
    }

    @Override
    public void flush() {
        channel.flush();
    }
}
