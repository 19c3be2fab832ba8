package io.cohort.l2tp.wire;

import java.io.ByteArrayOutputStream;
import java.security.SecureRandom;

/** Encodes the AVPs of a control message body, hiding those flagged hidden (RFC 2661 4.1, 4.3). */
final class ControlMessageEncoder {
    private static final int AVP_HEADER = 6;
    private static final int MAX_AVP_LENGTH = 1023;
    private static final int MAX_PADDING = 15;
    private static final int INSERTED_VECTOR_LENGTH = 16;

    private ControlMessageEncoder() {}

    static byte[] encode(ControlMessage message, HidingSecret secret, SecureRandom random) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(128);
        // 4.4.1: the Message Type AVP comes first, M-bit set, never hidden.
        writeAvp(out, true, false, AvpType.IETF_VENDOR_ID, AvpType.MESSAGE_TYPE.code(),
                new byte[] {(byte) (message.type().code() >>> 8), (byte) message.type().code()});
        byte[] randomVector = null;
        for (FlaggedAvp f : message.avps()) {
            byte[] value = switch (f.avp()) {
                case Avp.Standard s -> AvpValues.encode(s);
                case Avp.UnknownAvp u -> u.raw().clone();
            };
            if (f.avp() instanceof Avp.RandomVector rv) {
                randomVector = rv.raw();
            }
            if (f.hidden()) {
                if (secret == null || random == null) {
                    throw new IllegalArgumentException("hiding an AVP needs a shared secret and a random source");
                }
                if (randomVector == null) {
                    // 4.3: a Random Vector AVP MUST precede the first hidden AVP.
                    randomVector = new byte[INSERTED_VECTOR_LENGTH];
                    random.nextBytes(randomVector);
                    writeAvp(out, AvpType.RANDOM_VECTOR.mandatory(), false, AvpType.IETF_VENDOR_ID,
                            AvpType.RANDOM_VECTOR.code(), randomVector);
                }
                value = hide(f.avp().attributeType(), value, secret, randomVector, random);
            }
            writeAvp(out, f.mandatory(), f.hidden(), f.avp().vendorId(), f.avp().attributeType(), value);
        }
        return out.toByteArray();
    }

    /** The Hidden AVP Subformat (original length, value, random padding), hidden (4.3). */
    private static byte[] hide(int attribute, byte[] value, HidingSecret secret, byte[] rv,
            SecureRandom random) {
        int room = MAX_AVP_LENGTH - AVP_HEADER - 2 - value.length;
        if (room < 0) {
            throw new IllegalArgumentException("value too long to hide: " + value.length + " octets");
        }
        int padding = random.nextInt(Math.min(MAX_PADDING, room) + 1);
        byte[] sub = new byte[2 + value.length + padding];
        sub[0] = (byte) (value.length >>> 8);
        sub[1] = (byte) value.length;
        System.arraycopy(value, 0, sub, 2, value.length);
        byte[] pad = new byte[padding];
        random.nextBytes(pad);
        System.arraycopy(pad, 0, sub, 2 + value.length, padding);
        AvpHiding.hide(attribute, secret.raw(), rv, sub);
        return sub;
    }

    static void writeAvp(ByteArrayOutputStream out, boolean mandatory, boolean hidden,
            int vendor, int attribute, byte[] value) {
        int length = AVP_HEADER + value.length;
        if (length > MAX_AVP_LENGTH) {
            throw new IllegalArgumentException("AVP type " + attribute + " too long: " + length + " octets");
        }
        int bits = (mandatory ? 0x8000 : 0) | (hidden ? 0x4000 : 0) | length;
        out.write(bits >>> 8);
        out.write(bits);
        out.write(vendor >>> 8);
        out.write(vendor);
        out.write(attribute >>> 8);
        out.write(attribute);
        out.writeBytes(value);
    }
}
