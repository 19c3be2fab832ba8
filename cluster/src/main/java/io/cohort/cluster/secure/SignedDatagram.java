package io.cohort.cluster.secure;

import io.cohort.cluster.pki.MemberCredential;
import io.cohort.cluster.pki.MemberCredentialVerifier;
import io.cohort.cluster.pki.VerifiedMember;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * A cluster message sent before there is a session to seal it with (an offer to be master, "other
 * master exists", a refusal, the master's signed beacon): signed with the sender's member
 * certificate key, which travels with it. Not encrypted: these messages say who exists and where,
 * which the cluster network sees anyway. Replay is bounded by the stamp, which the receiver
 * requires to grow per sender and to lie near its own clock ({@code link.SignedStamps}).
 *
 * <pre>
 * kind 2 (1) | version 1 (1) | stamp: µs since the epoch (8) | cert length (2) | cert (DER)
 *   | message length (2) | message | Ed25519 signature (64) over label ‖ every preceding byte
 * </pre>
 */
public final class SignedDatagram {
    public static final int KIND = 2;
    public static final int VERSION = 1;
    private static final byte[] LABEL = HandshakeCrypto.ascii("cohort cluster signed datagram v1");
    private static final int SIGNATURE = JoinMessage.SIGNATURE_LENGTH;

    /** A signed datagram whose signature and certificate verified. */
    public record Verified(VerifiedMember signer, long stampMicros, byte[] message) {
    }

    private SignedDatagram() {
    }

    public static byte[] sign(MemberCredential self, long stampMicros, byte[] message) {
        byte[] certificate;
        try {
            certificate = self.certificate().getEncoded();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (message.length > 0xFFFF || certificate.length > 0xFFFF) {
            throw new IllegalArgumentException("a signed datagram holds at most 65535 octets of message and certificate");
        }
        ByteBuffer out = ByteBuffer.allocate(2 + 8 + 2 + certificate.length + 2 + message.length + SIGNATURE);
        out.put((byte) KIND).put((byte) VERSION).putLong(stampMicros)
                .putShort((short) certificate.length).put(certificate)
                .putShort((short) message.length).put(message);
        byte[] signed = Arrays.copyOf(out.array(), out.position());
        out.put(HandshakeCrypto.sign(self.privateKey(), LABEL, signed));
        return out.array();
    }

    /**
     * Checks the certificate (chain, validity, revocation) and the signature; throws with the
     * reason otherwise. Never throws anything else on malformed bytes.
     */
    public static Verified verify(byte[] datagram, MemberCredentialVerifier verifier) throws HandshakeException {
        if (datagram.length < 2 + 8 + 2 + 2 + SIGNATURE || datagram[0] != KIND || datagram[1] != VERSION) {
            throw malformed("not a version " + VERSION + " signed datagram");
        }
        ByteBuffer in = ByteBuffer.wrap(datagram, 2, datagram.length - 2 - SIGNATURE);
        long stamp;
        byte[] certificate;
        byte[] message;
        try {
            stamp = in.getLong();
            certificate = new byte[Short.toUnsignedInt(in.getShort())];
            in.get(certificate);
            message = new byte[Short.toUnsignedInt(in.getShort())];
            in.get(message);
        } catch (BufferUnderflowException e) {
            throw malformed("truncated signed datagram");
        }
        if (in.hasRemaining()) {
            throw malformed(in.remaining() + " octets between the message and the signature");
        }
        VerifiedMember signer = HandshakeCrypto.verifyCredential(verifier, certificate, null);
        byte[] signed = Arrays.copyOf(datagram, datagram.length - SIGNATURE);
        byte[] signature = Arrays.copyOfRange(datagram, datagram.length - SIGNATURE, datagram.length);
        HandshakeCrypto.verify(signer.publicKey(), LABEL, signed, signature, signer.member());
        return new Verified(signer, stamp, message);
    }

    private static HandshakeException malformed(String detail) {
        return new HandshakeException(HandshakeException.Failure.MALFORMED, detail);
    }
}
