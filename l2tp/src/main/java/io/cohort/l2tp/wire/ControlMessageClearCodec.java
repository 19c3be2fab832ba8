package io.cohort.l2tp.wire;

import io.cohort.wire.DecodeResult;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A control message as its AVP list in the format of RFC 2661 4.1, for replicating a message that
 * is still to be (re)transmitted: the Message Type AVP first (4.4.1), then each AVP with its M and
 * H bits, but every value in the clear. The H bit here means "hide when sent": the sender hides
 * afresh with a new Random Vector on each transmission (4.3), and the replication channel is
 * itself encrypted. Reserved bits are always 0; an AVP of vendor 0 whose type RFC 2661 defines
 * decodes to its typed record, any other to {@link Avp.UnknownAvp}.
 *
 * <p>Decoding validates everything and never throws: a fault is a {@link DecodeResult.Malformed}
 * whose detail never holds an AVP's value.
 */
public final class ControlMessageClearCodec {
    private static final int AVP_HEADER = 6;
    private static final int M_BIT = 0x8000;
    private static final int H_BIT = 0x4000;
    private static final int RESERVED_BITS = 0x3C00;
    private static final int LENGTH_MASK = 0x03FF;

    private ControlMessageClearCodec() {}

    /**
     * The AVP list of {@code message}, values in the clear.
     *
     * @throws IllegalArgumentException if an AVP is too long for the 10-bit Length field (4.1) or an
     *     {@link Avp.UnknownAvp} has vendor 0 and a type RFC 2661 defines (it would decode typed)
     */
    public static byte[] encode(ControlMessage message) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(128);
        ControlMessageEncoder.writeAvp(out, true, false, AvpType.IETF_VENDOR_ID, AvpType.MESSAGE_TYPE.code(),
                new byte[] {(byte) (message.type().code() >>> 8), (byte) message.type().code()});
        for (FlaggedAvp f : message.avps()) {
            byte[] value = switch (f.avp()) {
                case Avp.Standard s -> AvpValues.encode(s);
                case Avp.UnknownAvp u -> {
                    if (u.vendorId() == AvpType.IETF_VENDOR_ID && AvpType.of(u.type()).isPresent()) {
                        throw new IllegalArgumentException("unknown AVP with the RFC 2661 type " + u.type());
                    }
                    yield u.raw();
                }
            };
            ControlMessageEncoder.writeAvp(out, f.mandatory(), f.hidden(), f.avp().vendorId(),
                    f.avp().attributeType(), value);
        }
        return out.toByteArray();
    }

    /** The message whose AVP list fills {@code d} from {@code from} to {@code to} (absolute indices). */
    public static DecodeResult<ControlMessage, DecodeError> decode(ByteBuffer d, int from, int to) {
        int pos = from;
        MessageType type = null;
        List<FlaggedAvp> avps = new ArrayList<>();
        while (pos < to) {
            if (to - pos < AVP_HEADER) {
                return malformed(DecodeError.BAD_AVP_LENGTH, (to - pos) + " octets cannot hold an AVP header");
            }
            int bits = d.getChar(pos);
            int length = bits & LENGTH_MASK;
            if (length < AVP_HEADER || length > to - pos) {
                return malformed(DecodeError.BAD_AVP_LENGTH, "AVP Length " + length + " with " + (to - pos)
                        + " octets left");
            }
            if ((bits & RESERVED_BITS) != 0) {
                return malformed(DecodeError.BAD_AVP_VALUE, "reserved AVP bits set");
            }
            boolean mandatory = (bits & M_BIT) != 0;
            boolean hidden = (bits & H_BIT) != 0;
            int vendor = d.getChar(pos + 2);
            int attribute = d.getChar(pos + 4);
            byte[] value = new byte[length - AVP_HEADER];
            d.get(pos + AVP_HEADER, value);
            pos += length;
            Optional<AvpType> known = vendor == AvpType.IETF_VENDOR_ID ? AvpType.of(attribute) : Optional.empty();
            if (type == null) {
                // 4.4.1: the Message Type AVP first, M-bit set, in cleartext, 2 octets.
                if (known.orElse(null) != AvpType.MESSAGE_TYPE || hidden || !mandatory || value.length != 2) {
                    return malformed(DecodeError.MISSING_MESSAGE_TYPE, "first AVP is vendor " + vendor + " type "
                            + attribute);
                }
                Optional<MessageType> mt = MessageType.of(((value[0] & 0xFF) << 8) | (value[1] & 0xFF));
                if (mt.isEmpty()) {
                    return malformed(DecodeError.UNKNOWN_MANDATORY_MESSAGE_TYPE, "unknown Message Type");
                }
                type = mt.get();
                continue;
            }
            if (known.isEmpty()) {
                avps.add(new FlaggedAvp(new Avp.UnknownAvp(vendor, attribute, mandatory, value), mandatory, hidden));
                continue;
            }
            AvpType avpType = known.get();
            if (avpType == AvpType.MESSAGE_TYPE) {
                return malformed(DecodeError.MISPLACED_MESSAGE_TYPE, "second Message Type AVP in " + type);
            }
            if (hidden && !avpType.mayBeHidden()) {
                return malformed(DecodeError.FORBIDDEN_HIDDEN_AVP, avpType.description() + " MUST NOT be hidden");
            }
            if (!AvpValues.lengthAllowed(avpType, value.length)) {
                return malformed(DecodeError.BAD_AVP_VALUE, avpType.description() + " value of " + value.length
                        + " octets");
            }
            avps.add(new FlaggedAvp(AvpValues.decode(avpType, value), mandatory, hidden));
        }
        if (type == null) {
            return malformed(DecodeError.MISSING_MESSAGE_TYPE, "no AVP");
        }
        return new DecodeResult.Decoded<>(new ControlMessage(type, avps));
    }

    private static DecodeResult<ControlMessage, DecodeError> malformed(DecodeError error, String detail) {
        return new DecodeResult.Malformed<>(error, detail);
    }
}
