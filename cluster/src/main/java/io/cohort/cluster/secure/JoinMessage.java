package io.cohort.cluster.secure;

import java.nio.ByteBuffer;
import java.nio.BufferUnderflowException;

/**
 * The three messages of the join handshake ({@link JoinerHandshake}, {@link MasterHandshake}),
 * carried as opaque payloads by the join protocol. Each starts with a type byte and version 1;
 * the member certificate is DER with a 2-byte length; keys, nonces and signatures have fixed sizes:
 *
 * <pre>
 * Offer  (joiner → master): 1, 1, cert length (2), cert, ephemeral X25519 key (32), nonce (32)
 * Answer (master → joiner): 2, 1, cert length (2), cert, ephemeral X25519 key (32), nonce (32), Ed25519 signature (64)
 * Finish (joiner → master): 3, 1, Ed25519 signature (64)
 * </pre>
 */
public sealed interface JoinMessage {
    int VERSION = 1;
    int KEY_LENGTH = 32;
    int NONCE_LENGTH = 32;
    int SIGNATURE_LENGTH = 64;

    byte[] encode();

    record Offer(byte[] certificate, byte[] ephemeral, byte[] nonce) implements JoinMessage {
        static final int TYPE = 1;

        @Override
        public byte[] encode() {
            return ByteBuffer.allocate(4 + certificate.length + KEY_LENGTH + NONCE_LENGTH)
                    .put((byte) TYPE).put((byte) VERSION).putShort((short) certificate.length).put(certificate)
                    .put(ephemeral).put(nonce).array();
        }

        public static Offer decode(byte[] bytes) throws HandshakeException {
            ByteBuffer in = start(bytes, TYPE);
            try {
                Offer offer = new Offer(lengthPrefixed(in), fixed(in, KEY_LENGTH), fixed(in, NONCE_LENGTH));
                end(in);
                return offer;
            } catch (BufferUnderflowException e) {
                throw truncated();
            }
        }
    }

    record Answer(byte[] certificate, byte[] ephemeral, byte[] nonce, byte[] signature) implements JoinMessage {
        static final int TYPE = 2;

        /** The answer without its signature: what the signature covers (after the offer). */
        byte[] unsigned() {
            return ByteBuffer.allocate(4 + certificate.length + KEY_LENGTH + NONCE_LENGTH)
                    .put((byte) TYPE).put((byte) VERSION).putShort((short) certificate.length).put(certificate)
                    .put(ephemeral).put(nonce).array();
        }

        @Override
        public byte[] encode() {
            byte[] unsigned = unsigned();
            return ByteBuffer.allocate(unsigned.length + SIGNATURE_LENGTH).put(unsigned).put(signature).array();
        }

        public static Answer decode(byte[] bytes) throws HandshakeException {
            ByteBuffer in = start(bytes, TYPE);
            try {
                Answer answer = new Answer(lengthPrefixed(in), fixed(in, KEY_LENGTH), fixed(in, NONCE_LENGTH),
                        fixed(in, SIGNATURE_LENGTH));
                end(in);
                return answer;
            } catch (BufferUnderflowException e) {
                throw truncated();
            }
        }
    }

    record Finish(byte[] signature) implements JoinMessage {
        static final int TYPE = 3;

        @Override
        public byte[] encode() {
            return ByteBuffer.allocate(2 + SIGNATURE_LENGTH).put((byte) TYPE).put((byte) VERSION).put(signature).array();
        }

        public static Finish decode(byte[] bytes) throws HandshakeException {
            ByteBuffer in = start(bytes, TYPE);
            try {
                Finish finish = new Finish(fixed(in, SIGNATURE_LENGTH));
                end(in);
                return finish;
            } catch (BufferUnderflowException e) {
                throw truncated();
            }
        }
    }

    private static ByteBuffer start(byte[] bytes, int type) throws HandshakeException {
        if (bytes.length < 2 || bytes[0] != type || bytes[1] != VERSION) {
            throw new HandshakeException(HandshakeException.Failure.MALFORMED,
                    "not a version " + VERSION + " join message of type " + type);
        }
        return ByteBuffer.wrap(bytes, 2, bytes.length - 2);
    }

    private static byte[] lengthPrefixed(ByteBuffer in) {
        return fixed(in, Short.toUnsignedInt(in.getShort()));
    }

    private static byte[] fixed(ByteBuffer in, int length) {
        byte[] out = new byte[length];
        in.get(out);
        return out;
    }

    private static void end(ByteBuffer in) throws HandshakeException {
        if (in.hasRemaining()) {
            throw new HandshakeException(HandshakeException.Failure.MALFORMED, in.remaining() + " bytes after the join message");
        }
    }

    private static HandshakeException truncated() {
        return new HandshakeException(HandshakeException.Failure.MALFORMED, "truncated join message");
    }
}
