package io.cohort.replication.transport;

import io.cohort.replication.wire.FrameFault;
import io.cohort.replication.wire.ReplicationFrame;
import io.cohort.replication.wire.ReplicationFrameCodec;
import io.cohort.telemetry.Counter;
import io.cohort.wire.DecodeResult;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.util.List;
import java.util.Optional;

/**
 * Cuts the decrypted stream into frames at their length fields and decodes them. The first
 * malformed frame closes the connection: after it, nothing on the stream can be trusted to be
 * where a frame starts.
 */
final class FrameDecoder extends ByteToMessageDecoder {
    /** Told of the malformed frame that closes a connection. */
    @FunctionalInterface
    interface MalformedFrames {
        void malformed(ChannelHandlerContext ctx, FrameFault fault, String detail);
    }

    private final Counter framesIn;
    private final Counter bytesIn;
    private final MalformedFrames malformed;
    private boolean failed;

    FrameDecoder(Counter framesIn, Counter bytesIn, MalformedFrames malformed) {
        this.framesIn = framesIn;
        this.bytesIn = bytesIn;
        this.malformed = malformed;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        while (!failed && in.readableBytes() >= ReplicationFrameCodec.LENGTH_FIELD) {
            long length = in.getUnsignedInt(in.readerIndex());
            Optional<FrameFault> fault = ReplicationFrameCodec.checkLength(length);
            if (fault.isPresent()) {
                fail(ctx, in, fault.get(), "length field " + length);
                return;
            }
            int frameLength = ReplicationFrameCodec.LENGTH_FIELD + (int) length;
            if (in.readableBytes() < frameLength) {
                return;
            }
            DecodeResult<ReplicationFrame, FrameFault> result =
                    ReplicationFrameCodec.decode(in.nioBuffer(in.readerIndex(), frameLength));
            in.skipBytes(frameLength);
            bytesIn.add(frameLength);
            switch (result) {
                case DecodeResult.Decoded<ReplicationFrame, FrameFault> d -> {
                    framesIn.increment();
                    out.add(d.value());
                }
                case DecodeResult.Malformed<ReplicationFrame, FrameFault> m -> {
                    fail(ctx, in, m.error(), m.detail());
                    return;
                }
            }
        }
        if (failed) {
            in.skipBytes(in.readableBytes());
        }
    }

    private void fail(ChannelHandlerContext ctx, ByteBuf in, FrameFault fault, String detail) {
        failed = true;
        in.skipBytes(in.readableBytes());
        malformed.malformed(ctx, fault, detail);
        ctx.close();
    }
}
