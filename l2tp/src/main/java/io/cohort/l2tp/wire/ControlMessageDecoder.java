package io.cohort.l2tp.wire;

import io.cohort.wire.DecodeResult;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/** Decodes the AVPs of a control message body (RFC 2661 sections 4.1 to 4.4) and validates it. */
final class ControlMessageDecoder {
    private static final int AVP_HEADER = 6;
    private static final int M_BIT = 0x8000;
    private static final int H_BIT = 0x4000;
    private static final int RESERVED_BITS = 0x3C00;
    private static final int LENGTH_MASK = 0x03FF;

    private ControlMessageDecoder() {}

    static DecodeResult<L2tpPacket, DecodeFault> decode(ByteBuffer d, int pos, int end, HidingSecret secret, L2tpHeader h) {
        MessageType type = null;
        byte[] randomVector = null;
        List<FlaggedAvp> avps = new ArrayList<>();
        while (pos < end) {
            if (end - pos < AVP_HEADER) {
                return L2tpCodec.malformed(DecodeError.BAD_AVP_LENGTH,
                        (end - pos) + " trailing octets cannot hold an AVP header", h);
            }
            int bits = d.getChar(pos);
            int length = bits & LENGTH_MASK;
            if (length < AVP_HEADER || length > end - pos) {
                return L2tpCodec.malformed(DecodeError.BAD_AVP_LENGTH, "AVP Length " + length
                        + " with " + (end - pos) + " octets left", h);
            }
            boolean mandatory = (bits & M_BIT) != 0;
            boolean hidden = (bits & H_BIT) != 0;
            int vendor = d.getChar(pos + 2);
            int attribute = d.getChar(pos + 4);
            int valueAt = pos + AVP_HEADER;
            int valueLength = length - AVP_HEADER;
            pos += length;
            boolean ietf = vendor == AvpType.IETF_VENDOR_ID && (bits & RESERVED_BITS) == 0;
            Optional<AvpType> known = ietf ? AvpType.of(attribute) : Optional.empty();

            if (type == null) {
                // 4.4.1: the Message Type AVP MUST be first, in cleartext, 2 octets.
                if (known.orElse(null) != AvpType.MESSAGE_TYPE || hidden) {
                    return L2tpCodec.malformed(DecodeError.MISSING_MESSAGE_TYPE,
                            "first AVP is vendor " + vendor + " type " + attribute, h);
                }
                if (valueLength != 2) {
                    return L2tpCodec.malformed(DecodeError.BAD_AVP_VALUE,
                            "Message Type value of " + valueLength + " octets", h);
                }
                int code = d.getChar(valueAt);
                Optional<MessageType> mt = MessageType.of(code);
                if (mt.isEmpty()) {
                    return L2tpCodec.malformed(mandatory ? DecodeError.UNKNOWN_MANDATORY_MESSAGE_TYPE
                            : DecodeError.IGNORABLE_MESSAGE_TYPE, "Message Type " + code, h);
                }
                type = mt.get();
                continue;
            }
            if (known.isEmpty()) {
                // 4.1/4.2: unrecognised (incl. reserved bits set): fatal with M, else ignored.
                if (mandatory) {
                    // The receiver clears the call (session message) or the tunnel: it needs the
                    // type, and for a call it never set up (ICRQ), the peer's Assigned Session ID.
                    return new DecodeResult.Malformed<>(new DecodeFault(DecodeError.UNKNOWN_MANDATORY_AVP,
                            h.tunnelId(), h.sessionId(), Optional.of(type), assignedSessionId(avps, d, pos, end,
                                    secret, randomVector)), "unknown mandatory AVP vendor " + vendor + " type "
                            + attribute + " in " + type);
                }
                if ((bits & RESERVED_BITS) != 0 || (hidden && (secret == null || randomVector == null))) {
                    continue; // nothing usable to keep
                }
                byte[] value = copy(d, valueAt, valueLength);
                if (hidden) {
                    value = unhide(attribute, secret, randomVector, value);
                    if (value == null) {
                        continue;
                    }
                }
                avps.add(new FlaggedAvp(new Avp.UnknownAvp(vendor, attribute, false, value), false, hidden));
                continue;
            }
            AvpType avpType = known.get();
            if (avpType == AvpType.MESSAGE_TYPE) {
                return L2tpCodec.malformed(DecodeError.MISPLACED_MESSAGE_TYPE,
                        "second Message Type AVP in " + type, h);
            }
            byte[] value = copy(d, valueAt, valueLength);
            if (hidden) {
                if (!avpType.mayBeHidden()) {
                    return L2tpCodec.malformed(DecodeError.FORBIDDEN_HIDDEN_AVP,
                            avpType.description() + " MUST NOT be hidden", h);
                }
                if (secret == null) {
                    return L2tpCodec.malformed(DecodeError.HIDDEN_AVP_WITHOUT_SECRET,
                            "hidden " + avpType.description() + " but no shared secret", h);
                }
                if (randomVector == null) {
                    return L2tpCodec.malformed(DecodeError.HIDDEN_AVP_WITHOUT_RANDOM_VECTOR,
                            "hidden " + avpType.description() + " before any Random Vector", h);
                }
                value = unhide(attribute, secret, randomVector, value);
                if (value == null) {
                    return L2tpCodec.malformed(DecodeError.BAD_HIDDEN_AVP, "hidden " + avpType.description()
                            + " has an impossible original length (wrong secret?)", h);
                }
            }
            if (!AvpValues.lengthAllowed(avpType, value.length)) {
                return L2tpCodec.malformed(DecodeError.BAD_AVP_VALUE, avpType.description() + " value of "
                        + value.length + " octets", h);
            }
            Avp.Standard avp = AvpValues.decode(avpType, value);
            if (avp instanceof Avp.RandomVector rv) {
                randomVector = rv.raw(); // 4.3: a hidden AVP uses the closest preceding vector
            }
            avps.add(new FlaggedAvp(avp, mandatory, hidden));
        }
        if (type == null) {
            return L2tpCodec.malformed(DecodeError.MISSING_MESSAGE_TYPE, "no AVP", h);
        }
        ControlMessage message = new ControlMessage(type, avps);
        Optional<AvpType> missing = RequiredAvps.firstMissing(message);
        if (missing.isPresent()) {
            return L2tpCodec.malformed(DecodeError.MISSING_REQUIRED_AVP,
                    type + " lacks " + missing.get().description(), h);
        }
        return new DecodeResult.Decoded<>(new ControlPacket(h, Optional.of(message)));
    }

    /**
     * The sender's Assigned Session ID in a message that failed on an unknown mandatory AVP: from
     * the AVPs decoded so far, else from the first readable one in the rest of the body (the scan
     * stops at the first AVP whose length is inconsistent).
     */
    private static OptionalInt assignedSessionId(List<FlaggedAvp> decoded, ByteBuffer d, int pos, int end,
            HidingSecret secret, byte[] randomVector) {
        for (FlaggedAvp a : decoded) {
            if (a.avp() instanceof Avp.AssignedSessionId id) {
                return OptionalInt.of(id.id());
            }
        }
        byte[] rv = randomVector;
        while (end - pos >= AVP_HEADER) {
            int bits = d.getChar(pos);
            int length = bits & LENGTH_MASK;
            if (length < AVP_HEADER || length > end - pos) {
                break;
            }
            int attribute = d.getChar(pos + 4);
            boolean ietf = d.getChar(pos + 2) == AvpType.IETF_VENDOR_ID && (bits & RESERVED_BITS) == 0;
            byte[] value = copy(d, pos + AVP_HEADER, length - AVP_HEADER);
            pos += length;
            if (!ietf) {
                continue;
            }
            if ((bits & H_BIT) != 0) {
                value = secret == null || rv == null ? null : unhide(attribute, secret, rv, value);
                if (value == null) {
                    continue;
                }
            }
            if (attribute == AvpType.RANDOM_VECTOR.code() && (bits & H_BIT) == 0) {
                rv = value;
            } else if (attribute == AvpType.ASSIGNED_SESSION_ID.code() && value.length == 2) {
                return OptionalInt.of(((value[0] & 0xFF) << 8) | (value[1] & 0xFF));
            }
        }
        return OptionalInt.empty();
    }

    /** The original value of a hidden AVP, or null if its subformat is inconsistent. */
    private static byte[] unhide(int attribute, HidingSecret secret, byte[] rv, byte[] hidden) {
        if (hidden.length < 2) {
            return null;
        }
        AvpHiding.unhide(attribute, secret.raw(), rv, hidden);
        int original = ((hidden[0] & 0xFF) << 8) | (hidden[1] & 0xFF);
        if (original > hidden.length - 2) {
            return null;
        }
        byte[] value = new byte[original];
        System.arraycopy(hidden, 2, value, 0, original);
        return value;
    }

    private static byte[] copy(ByteBuffer d, int at, int length) {
        byte[] out = new byte[length];
        d.get(at, out);
        return out;
    }
}
