package io.cohort.pptp.wire;

import io.cohort.wire.DecodeResult;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Cuts the byte stream of a PPTP control connection (TCP, so chunks of any size) into messages.
 * Octets are kept in a buffer of fixed capacity ({@link ControlMessageType#MAX_LENGTH} by
 * default): a Length field beyond it, below the shortest message, a bad Magic Cookie or PPTP
 * Message Type is detected as soon as the 8-octet header is in, without waiting for the body.
 *
 * <p>Any malformed message is fatal: RFC 2637 section 1.4 forbids resynchronising on the cookie
 * and section 3 says a malformed message closes the connection. After the first failure the
 * framer stays failed and ignores further input; the owner closes the TCP connection. One
 * instance per connection, used on the connection's thread.
 */
public final class ControlStreamFramer {
    private final byte[] buffer;
    private int filled;
    private DecodeResult.Malformed<ControlMessage, DecodeError> failure;

    /** A framer that accepts every message RFC 2637 defines. */
    public ControlStreamFramer() {
        this(ControlMessageType.MAX_LENGTH);
    }

    /** A framer whose buffer holds {@code maxMessageLength} octets (at least the longest message). */
    public ControlStreamFramer(int maxMessageLength) {
        if (maxMessageLength < ControlMessageType.MAX_LENGTH || maxMessageLength > 0xFFFF) {
            throw new IllegalArgumentException("max message length " + maxMessageLength + " outside "
                    + ControlMessageType.MAX_LENGTH + "..65535");
        }
        this.buffer = new byte[maxMessageLength];
    }

    /** What one chunk produced: whole messages in order, then possibly the failure that ends the stream. */
    public record Framed(List<ControlMessage> messages, Optional<DecodeResult.Malformed<ControlMessage, DecodeError>> failure) {
        public Framed {
            messages = List.copyOf(messages);
            Objects.requireNonNull(failure, "failure");
        }

        /** True if the control connection must now be closed. */
        public boolean mustClose() {
            return failure.isPresent();
        }
    }

    /** Consumes all of {@code chunk}'s remaining octets. */
    public Framed feed(ByteBuffer chunk) {
        List<ControlMessage> out = new ArrayList<>(2);
        if (failure != null) {
            chunk.position(chunk.limit());
            return new Framed(out, Optional.of(failure));
        }
        while (chunk.hasRemaining()) {
            int want = filled < PptpCodec.PPTP_HEADER_LENGTH ? PptpCodec.PPTP_HEADER_LENGTH : lengthField();
            int take = Math.min(want - filled, chunk.remaining());
            chunk.get(buffer, filled, take);
            filled += take;
            if (filled < want) {
                break;
            }
            if (want == PptpCodec.PPTP_HEADER_LENGTH) {
                Optional<DecodeResult.Malformed<ControlMessage, DecodeError>> bad = PptpCodec.checkHeader(ByteBuffer.wrap(buffer), 0, buffer.length);
                if (bad.isPresent()) {
                    return fail(out, bad.get(), chunk);
                }
                continue; // now wait for the whole Length
            }
            DecodeResult<ControlMessage, DecodeError> r = PptpCodec.decode(ByteBuffer.wrap(buffer, 0, filled));
            filled = 0;
            switch (r) {
                case DecodeResult.Decoded<ControlMessage, DecodeError>(ControlMessage m) -> out.add(m);
                case DecodeResult.Malformed<ControlMessage, DecodeError> m -> {
                    return fail(out, m, chunk);
                }
            }
        }
        return new Framed(out, Optional.empty());
    }

    /** Octets of an incomplete message held since the last chunk. */
    public int buffered() {
        return filled;
    }

    /** The failure that ended the stream, if one did. */
    public Optional<DecodeResult.Malformed<ControlMessage, DecodeError>> failure() {
        return Optional.ofNullable(failure);
    }

    private int lengthField() {
        return ((buffer[0] & 0xFF) << 8) | (buffer[1] & 0xFF);
    }

    private Framed fail(List<ControlMessage> out, DecodeResult.Malformed<ControlMessage, DecodeError> m, ByteBuffer chunk) {
        failure = m;
        filled = 0;
        chunk.position(chunk.limit());
        return new Framed(out, Optional.of(m));
    }
}
