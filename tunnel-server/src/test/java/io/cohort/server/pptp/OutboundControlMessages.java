package io.cohort.server.pptp;

import io.cohort.pptp.wire.ControlMessage;
import io.cohort.pptp.wire.DecodeError;
import io.cohort.pptp.wire.PptpCodec;
import io.cohort.wire.DecodeResult;
import io.netty.buffer.ByteBuf;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/** The control messages a PPTP connection under test wrote to its embedded channel, decoded. */
final class OutboundControlMessages {
    private OutboundControlMessages() {
    }

    /** Drains {@code channel}'s outbound queue; each buffer holds one whole message. */
    @SuppressWarnings("unchecked")
    static List<ControlMessage> drain(EmbeddedChannel channel) {
        List<ControlMessage> messages = new ArrayList<>();
        for (ByteBuf b = channel.readOutbound(); b != null; b = channel.readOutbound()) {
            if (b.readableBytes() > 0) {
                ByteBuffer copy = ByteBuffer.allocate(b.readableBytes());
                b.getBytes(b.readerIndex(), copy);
                messages.add(((DecodeResult.Decoded<ControlMessage, DecodeError>) PptpCodec.decode(copy.flip())).value());
            }
            b.release();
        }
        return messages;
    }
}
