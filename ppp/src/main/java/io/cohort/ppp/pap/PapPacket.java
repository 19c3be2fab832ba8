package io.cohort.ppp.pap;

import io.cohort.ppp.wire.ControlPacket;
import io.cohort.ppp.wire.DecodeError;
import io.cohort.ppp.wire.DecodeResult;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** PAP packet bodies (RFC 1334 section 2.2). */
public final class PapPacket {
    public static final int AUTHENTICATE_REQUEST = 1;
    public static final int AUTHENTICATE_ACK = 2;
    public static final int AUTHENTICATE_NAK = 3;

    /** A decoded Authenticate-Request; toString() hides the password. */
    public record Request(String peerId, byte[] password) {
        @Override
        public String toString() {
            return "PapRequest[peerId=" + peerId + "]";
        }
    }

    private PapPacket() {
    }

    public static ControlPacket request(int id, String peerId, byte[] password) {
        byte[] user = peerId.getBytes(StandardCharsets.UTF_8);
        ByteBuffer b = ByteBuffer.allocate(2 + user.length + password.length);
        b.put((byte) user.length).put(user).put((byte) password.length).put(password);
        return new ControlPacket(AUTHENTICATE_REQUEST, id, b.array());
    }

    /** Authenticate-Ack or -Nak with a message (RFC 1334 2.2.2). */
    public static ControlPacket reply(int code, int id, String message) {
        byte[] m = message.getBytes(StandardCharsets.UTF_8);
        m = Arrays.copyOf(m, Math.min(m.length, 255));
        ByteBuffer b = ByteBuffer.allocate(1 + m.length).put((byte) m.length).put(m);
        return new ControlPacket(code, id, b.array());
    }

    public static DecodeResult<Request> decodeRequest(ControlPacket p) {
        byte[] d = p.data();
        if (d.length < 1) {
            return DecodeResult.malformed(DecodeError.TRUNCATED, "no Peer-ID Length");
        }
        int userLength = d[0] & 0xFF;
        if (1 + userLength + 1 > d.length) {
            return DecodeResult.malformed(DecodeError.BAD_FIELD, "Peer-ID past the end");
        }
        int pwLength = d[1 + userLength] & 0xFF;
        if (2 + userLength + pwLength > d.length) {
            return DecodeResult.malformed(DecodeError.BAD_FIELD, "Password past the end");
        }
        String user = new String(d, 1, userLength, StandardCharsets.UTF_8);
        return DecodeResult.ok(new Request(user, Arrays.copyOfRange(d, 2 + userLength, 2 + userLength + pwLength)));
    }

    /** The message of an Ack or Nak; empty if absent or malformed. */
    public static String message(ControlPacket p) {
        byte[] d = p.data();
        if (d.length < 1 || 1 + (d[0] & 0xFF) > d.length) {
            return "";
        }
        return new String(d, 1, d[0] & 0xFF, StandardCharsets.UTF_8);
    }
}
