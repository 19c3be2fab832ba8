package io.cohort.l2tp.wire;

import io.cohort.wire.DecodeResult;
import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.util.Optional;

/**
 * Encodes and decodes L2TP datagrams (RFC 2661 section 3.1 header, section 4 AVPs). Stateless and
 * thread-safe. {@link #decode} never throws on bad input: it returns a {@link DecodeResult}, a
 * packet or a {@link DecodeFault}.
 * Encoders throw {@link IllegalArgumentException} for programming errors only (e.g. a message
 * too long for the 16-bit Length field, or hidden AVPs without a secret).
 */
public final class L2tpCodec {
    static final int T_BIT = 0x80;
    static final int L_BIT = 0x40;
    static final int S_BIT = 0x08;
    static final int O_BIT = 0x02;
    static final int P_BIT = 0x01;
    /** Length of a control header: flags/version, Length, Tunnel ID, Session ID, Ns, Nr. */
    static final int CONTROL_HEADER_LENGTH = 12;

    private L2tpCodec() {}

    /**
     * Decodes one datagram from its position to its limit, without moving either. Data packets
     * carry a slice of {@code datagram} as payload (no copy). Hidden AVPs are unhidden with
     * {@code secretOrNull}; if it is null, a hidden AVP is a {@link DecodeError#HIDDEN_AVP_WITHOUT_SECRET}.
     * Octets after the Length field's end (e.g. link padding) are ignored.
     */
    public static DecodeResult<L2tpPacket, DecodeFault> decode(ByteBuffer datagram, HidingSecret secretOrNull) {
        int start = datagram.position();
        int limit = datagram.limit();
        HeaderRead read = readHeader(datagram, start, limit);
        if (read.error != null) {
            return read.error;
        }
        L2tpHeader h = read.header;
        if (!h.control()) {
            ByteBuffer payload = datagram.slice(read.bodyStart, read.end - read.bodyStart);
            return new DecodeResult.Decoded<>(new DataPacket(h, payload));
        }
        if (!h.lengthPresent() || !h.sequencePresent() || h.offsetPresent() || h.priority()) {
            return malformed(DecodeError.BAD_HEADER_FLAGS,
                    "control message needs L and S set, O and P clear (3.1)", h);
        }
        if (read.bodyStart == read.end) {
            return new DecodeResult.Decoded<>(new ControlPacket(h, Optional.empty()));
        }
        return ControlMessageDecoder.decode(datagram, read.bodyStart, read.end, secretOrNull, h);
    }

    /**
     * The header alone, if it is well formed, e.g. to acknowledge (5.8) or to find the tunnel of a
     * control message whose body failed to decode.
     */
    public static Optional<L2tpHeader> peekHeader(ByteBuffer datagram) {
        HeaderRead read = readHeader(datagram, datagram.position(), datagram.limit());
        return Optional.ofNullable(read.header);
    }

    /**
     * A control message. Hidden AVPs need {@code secretOrNull} and take their random vector from
     * the closest preceding Random Vector AVP; if none precedes the first hidden AVP, a 16-octet
     * one drawn from {@code random} is inserted just before it (4.3). {@code random} also draws
     * the hiding padding; it may be null only if nothing is hidden. Required AVPs are not checked
     * here: use {@link RequiredAvps}.
     */
    public static ByteBuffer encodeControl(int tunnelId, int sessionId, int ns, int nr,
            ControlMessage message, HidingSecret secretOrNull, SecureRandom random) {
        L2tpHeader h = L2tpHeader.control(tunnelId, sessionId, ns, nr);
        byte[] body = ControlMessageEncoder.encode(message, secretOrNull, random);
        int length = CONTROL_HEADER_LENGTH + body.length;
        if (length > 0xFFFF) {
            throw new IllegalArgumentException("control message too long: " + length + " octets");
        }
        ByteBuffer out = ByteBuffer.allocate(length);
        putHeader(out, h, length);
        out.put(body);
        return out.flip();
    }

    /** A Zero-Length Body acknowledgement (5.8): a bare control header, Session ID 0. */
    public static ByteBuffer encodeZlb(int tunnelId, int ns, int nr) {
        ByteBuffer out = ByteBuffer.allocate(CONTROL_HEADER_LENGTH);
        putHeader(out, L2tpHeader.control(tunnelId, 0, ns, nr), CONTROL_HEADER_LENGTH);
        return out.flip();
    }

    /**
     * A data packet carrying {@code pppFrame} (its remaining octets; its position is not moved).
     * Ns/Nr are written only {@code withSequence}; the Length field only {@code withLength};
     * an Offset Size field only if {@code offsetPad > 0}, followed by that many zero octets.
     */
    public static ByteBuffer encodeData(int tunnelId, int sessionId, ByteBuffer pppFrame,
            boolean withSequence, int ns, int nr, boolean withLength, int offsetPad) {
        L2tpHeader h = new L2tpHeader(false, withLength, withSequence, offsetPad > 0, false,
                L2tpHeader.VERSION, tunnelId, sessionId, withSequence ? ns : 0, withSequence ? nr : 0,
                Math.max(offsetPad, 0));
        return encodeData(h, pppFrame);
    }

    /** A data packet with exactly this header (priority and an empty offset pad included). */
    public static ByteBuffer encodeData(L2tpHeader header, ByteBuffer pppFrame) {
        ByteBuffer out = ByteBuffer.allocate(header.encodedLength() + pppFrame.remaining());
        encodeDataInto(out, header, pppFrame);
        return out.flip();
    }

    /**
     * Writes a data packet at {@code out}'s position and advances it, for callers that reuse
     * buffers on the hot path. Throws {@link java.nio.BufferOverflowException} if it does not fit.
     */
    public static void encodeDataInto(ByteBuffer out, L2tpHeader header, ByteBuffer pppFrame) {
        if (header.control() || header.version() != L2tpHeader.VERSION) {
            throw new IllegalArgumentException("not a version 2 data header");
        }
        int length = header.encodedLength() + pppFrame.remaining();
        if (header.lengthPresent() && length > 0xFFFF) {
            throw new IllegalArgumentException("data packet too long for the Length field: " + length);
        }
        putHeader(out, header, length);
        out.put(out.position(), pppFrame, pppFrame.position(), pppFrame.remaining());
        out.position(out.position() + pppFrame.remaining());
    }

    private static void putHeader(ByteBuffer out, L2tpHeader h, int length) {
        int flags = (h.control() ? T_BIT : 0) | (h.lengthPresent() ? L_BIT : 0)
                | (h.sequencePresent() ? S_BIT : 0) | (h.offsetPresent() ? O_BIT : 0)
                | (h.priority() ? P_BIT : 0);
        out.put((byte) flags).put((byte) h.version());
        if (h.lengthPresent()) {
            out.putShort((short) length);
        }
        out.putShort((short) h.tunnelId()).putShort((short) h.sessionId());
        if (h.sequencePresent()) {
            out.putShort((short) h.ns()).putShort((short) h.nr());
        }
        if (h.offsetPresent()) {
            out.putShort((short) h.offsetSize());
            for (int i = 0; i < h.offsetSize(); i++) {
                out.put((byte) 0);
            }
        }
    }

    private static HeaderRead readHeader(ByteBuffer d, int start, int limit) {
        if (limit - start < 2) {
            return HeaderRead.failed(DecodeError.TRUNCATED, "shorter than 2 octets");
        }
        int flags = d.get(start) & 0xFF;
        int version = d.get(start + 1) & 0x0F; // the upper 4 bits are reserved, ignored (3.1)
        if (version != L2tpHeader.VERSION) {
            return HeaderRead.failed(DecodeError.UNSUPPORTED_VERSION, "Ver=" + version);
        }
        boolean l = (flags & L_BIT) != 0;
        boolean s = (flags & S_BIT) != 0;
        boolean o = (flags & O_BIT) != 0;
        int pos = start + 2;
        int fixed = 2 + (l ? 2 : 0) + 4 + (s ? 4 : 0) + (o ? 2 : 0);
        int idsAt = start + (l ? 4 : 2);
        boolean idsReadable = idsAt + 4 <= limit;
        int tunnelId = idsReadable ? d.getChar(idsAt) : -1;
        int sessionId = idsReadable ? d.getChar(idsAt + 2) : -1;
        if (limit - start < fixed) {
            return HeaderRead.failed(DecodeError.TRUNCATED, "header needs " + fixed + " octets, has "
                    + (limit - start), tunnelId, sessionId);
        }
        int end = limit;
        if (l) {
            int length = d.getChar(pos);
            pos += 2;
            if (length < fixed) {
                return HeaderRead.failed(DecodeError.BAD_LENGTH, "Length " + length
                        + " shorter than the header (" + fixed + ")", tunnelId, sessionId);
            }
            if (length > limit - start) {
                return HeaderRead.failed(DecodeError.TRUNCATED, "Length " + length + " exceeds the "
                        + (limit - start) + "-octet datagram", tunnelId, sessionId);
            }
            end = start + length;
        }
        pos += 4;
        int ns = 0;
        int nr = 0;
        if (s) {
            ns = d.getChar(pos);
            nr = d.getChar(pos + 2);
            pos += 4;
        }
        int offsetSize = 0;
        if (o) {
            offsetSize = d.getChar(pos);
            pos += 2;
            if (offsetSize > end - pos) {
                return HeaderRead.failed(DecodeError.BAD_LENGTH, "Offset Size " + offsetSize
                        + " runs past the end", tunnelId, sessionId);
            }
            pos += offsetSize;
        }
        L2tpHeader h = new L2tpHeader((flags & T_BIT) != 0, l, s, o, (flags & P_BIT) != 0, version,
                tunnelId, sessionId, ns, nr, offsetSize);
        return new HeaderRead(h, pos, end, null);
    }

    static DecodeResult.Malformed<L2tpPacket, DecodeFault> malformed(DecodeError error, String detail, L2tpHeader h) {
        return new DecodeResult.Malformed<>(new DecodeFault(error, h.tunnelId(), h.sessionId()), detail);
    }

    private record HeaderRead(L2tpHeader header, int bodyStart, int end,
            DecodeResult.Malformed<L2tpPacket, DecodeFault> error) {
        /** Rejected before the Tunnel and Session IDs could be read. */
        static HeaderRead failed(DecodeError e, String detail) {
            return failed(e, detail, DecodeFault.UNKNOWN_ID, DecodeFault.UNKNOWN_ID);
        }

        static HeaderRead failed(DecodeError e, String detail, int tunnelId, int sessionId) {
            return new HeaderRead(null, 0, 0,
                    new DecodeResult.Malformed<>(new DecodeFault(e, tunnelId, sessionId), detail));
        }
    }
}
