package io.cohort.ppp.wire;

import java.nio.ByteBuffer;

/**
 * Frames and unframes PPP over a packet transport (L2TP, PPTP's GRE): the optional FF 03
 * address/control field (RFC 1662 section 3.1, omitted under ACFC, RFC 1661 section 6.6) and the
 * one- or two-octet protocol field (PFC, RFC 1661 section 6.5).
 */
public final class PppFrameCodec {
    private static final byte ADDRESS = (byte) 0xFF;
    private static final byte CONTROL = 0x03;

    private PppFrameCodec() {
    }

    /** Decodes a frame; the returned payload is a view of {@code frame}'s remaining bytes. */
    public static DecodeResult<PppFrame> decode(ByteBuffer frame) {
        ByteBuffer b = frame.slice();
        if (b.remaining() >= 1 && b.get(0) == ADDRESS) {
            if (b.remaining() < 2 || b.get(1) != CONTROL) {
                return DecodeResult.malformed(DecodeError.BAD_ADDRESS_CONTROL, "FF not followed by 03");
            }
            b.position(2);
        }
        if (b.remaining() < 1) {
            return DecodeResult.malformed(DecodeError.TRUNCATED, "no protocol field");
        }
        int first = b.get() & 0xFF;
        int protocol;
        if ((first & 1) == 1) {
            protocol = first; // compressed: single odd octet (RFC 1661 section 6.5)
        } else {
            if (!b.hasRemaining()) {
                return DecodeResult.malformed(DecodeError.TRUNCATED, "one octet of a two-octet protocol");
            }
            int second = b.get() & 0xFF;
            if ((second & 1) == 0) {
                return DecodeResult.malformed(DecodeError.BAD_PROTOCOL_FIELD, "protocol low octet even");
            }
            protocol = (first << 8) | second;
        }
        return DecodeResult.ok(new PppFrame(protocol, b.slice().asReadOnlyBuffer()));
    }

    /**
     * Encodes a frame. {@code addressControl} false omits FF 03 (peer accepted ACFC);
     * {@code compressProtocol} true sends protocols below 0x100 in one octet (peer accepted PFC).
     */
    public static ByteBuffer encode(int protocol, ByteBuffer payload, boolean addressControl,
                                    boolean compressProtocol) {
        // 0x00FF is never compressed: a lone FF would read as the address field (RFC 1662 3.1).
        boolean oneOctet = compressProtocol && protocol < 0x100 && protocol != 0xFF;
        int size = (addressControl ? 2 : 0) + (oneOctet ? 1 : 2) + payload.remaining();
        ByteBuffer out = ByteBuffer.allocate(size);
        if (addressControl) {
            out.put(ADDRESS).put(CONTROL);
        }
        if (oneOctet) {
            out.put((byte) protocol);
        } else {
            out.putShort((short) protocol);
        }
        out.put(payload.duplicate());
        return out.flip();
    }
}
