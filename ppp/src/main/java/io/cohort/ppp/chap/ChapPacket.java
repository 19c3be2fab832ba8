package io.cohort.ppp.chap;

import io.cohort.ppp.wire.ControlPacket;
import io.cohort.ppp.wire.DecodeError;
import io.cohort.ppp.wire.DecodeResult;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** CHAP packet bodies (RFC 1994 section 4): Challenge/Response carry Value-Size, Value, Name. */
public final class ChapPacket {
    public static final int CHALLENGE = 1;
    public static final int RESPONSE = 2;
    public static final int SUCCESS = 3;
    public static final int FAILURE = 4;

    /** The body of a Challenge or Response. */
    public record ValueAndName(byte[] value, String name) {
        @Override
        public String toString() {
            return "ValueAndName[size=" + value.length + ", name=" + name + "]";
        }
    }

    private ChapPacket() {
    }

    public static ControlPacket valueAndName(int code, int id, byte[] value, String name) {
        byte[] n = name.getBytes(StandardCharsets.UTF_8);
        ByteBuffer b = ByteBuffer.allocate(1 + value.length + n.length);
        b.put((byte) value.length).put(value).put(n);
        return new ControlPacket(code, id, b.array());
    }

    public static ControlPacket message(int code, int id, String message) {
        return new ControlPacket(code, id, message.getBytes(StandardCharsets.UTF_8));
    }

    public static DecodeResult<ValueAndName> decodeValueAndName(ControlPacket p) {
        byte[] d = p.data();
        if (d.length < 1) {
            return DecodeResult.malformed(DecodeError.TRUNCATED, "no Value-Size");
        }
        int size = d[0] & 0xFF;
        if (size == 0 || 1 + size > d.length) {
            return DecodeResult.malformed(DecodeError.BAD_FIELD, "Value-Size " + size + " in " + d.length);
        }
        return DecodeResult.ok(new ValueAndName(Arrays.copyOfRange(d, 1, 1 + size),
                new String(d, 1 + size, d.length - 1 - size, StandardCharsets.UTF_8)));
    }

    public static String messageOf(ControlPacket p) {
        return new String(p.data(), StandardCharsets.UTF_8);
    }
}
