package io.cohort.cluster.secure;

import io.cohort.cluster.member.MemberId;
import io.cohort.cluster.pki.MemberCredentialVerifier;
import io.cohort.cluster.pki.Verification;
import io.cohort.cluster.pki.VerifiedMember;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.generators.HKDFBytesGenerator;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.params.HKDFParameters;
import org.bouncycastle.crypto.params.X25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.X25519PublicKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;

/**
 * The primitives of the join handshake, all Bouncy Castle: SHA-256 transcript hashes, Ed25519
 * signatures over them with a role label (so neither side's signature can be reflected as the
 * other's), X25519 agreement and HKDF-SHA256 (RFC 5869) to the two directional session keys.
 */
final class HandshakeCrypto {
    static final byte[] MASTER_LABEL = ascii("cohort cluster join v1: master signs");
    static final byte[] JOINER_LABEL = ascii("cohort cluster join v1: joiner signs");
    static final byte[] SESSION_INFO = ascii("cohort cluster session v1");

    private HandshakeCrypto() {
    }

    static byte[] hash(byte[]... parts) {
        SHA256Digest digest = new SHA256Digest();
        for (byte[] part : parts) {
            digest.update(part, 0, part.length);
        }
        byte[] out = new byte[digest.getDigestSize()];
        digest.doFinal(out, 0);
        return out;
    }

    static byte[] sign(Ed25519PrivateKeyParameters key, byte[] label, byte[] transcript) {
        Ed25519Signer signer = new Ed25519Signer();
        signer.init(true, key);
        signer.update(label, 0, label.length);
        signer.update(transcript, 0, transcript.length);
        return signer.generateSignature();
    }

    static void verify(Ed25519PublicKeyParameters key, byte[] label, byte[] transcript, byte[] signature, MemberId who)
            throws HandshakeException {
        Ed25519Signer verifier = new Ed25519Signer();
        verifier.init(false, key);
        verifier.update(label, 0, label.length);
        verifier.update(transcript, 0, transcript.length);
        if (!verifier.verifySignature(signature)) {
            throw new HandshakeException(HandshakeException.Failure.BAD_SIGNATURE, "the handshake signature of " + who + " does not verify");
        }
    }

    static VerifiedMember verifyCredential(MemberCredentialVerifier verifier, byte[] certificate, MemberId self)
            throws HandshakeException {
        return switch (verifier.verify(List.of(certificate))) {
            case Verification.Accepted(VerifiedMember member) -> {
                if (member.member().equals(self)) {
                    throw new HandshakeException(HandshakeException.Failure.CREDENTIAL_REFUSED,
                            "the peer presents our own name " + self);
                }
                yield member;
            }
            case Verification.Refused(var reason, var detail) ->
                    throw new HandshakeException(HandshakeException.Failure.CREDENTIAL_REFUSED, reason, reason + ": " + detail);
        };
    }

    /** X25519 with the peer's key; an all-zero result (low-order point, RFC 7748 §6.1) is refused. */
    static byte[] agree(X25519PrivateKeyParameters mine, byte[] theirs) throws HandshakeException {
        byte[] shared = new byte[X25519PrivateKeyParameters.SECRET_SIZE];
        try {
            mine.generateSecret(new X25519PublicKeyParameters(theirs), shared, 0);
        } catch (IllegalStateException e) {
            throw new HandshakeException(HandshakeException.Failure.WEAK_KEY, "the peer's X25519 key is of low order");
        }
        return shared;
    }

    /**
     * The two session keys: HKDF-SHA256 with the shared secret as input keying material, both
     * nonces as salt, and as info the label, the hash of offer and unsigned answer (which hold both
     * certificates and ephemeral keys) and both member names. First 32 bytes: joiner to master.
     */
    static SessionKeys derive(byte[] shared, JoinMessage.Offer offer, JoinMessage.Answer answer, MemberId joiner,
                              MemberId master, VerifiedMember peer, boolean weAreJoiner) {
        ByteArrayOutputStream info = new ByteArrayOutputStream();
        info.writeBytes(SESSION_INFO);
        info.writeBytes(hash(offer.encode(), answer.unsigned()));
        for (MemberId name : List.of(joiner, master)) {
            byte[] bytes = ascii(name.name());
            info.write(bytes.length);
            info.writeBytes(bytes);
        }
        byte[] salt = new byte[2 * JoinMessage.NONCE_LENGTH];
        System.arraycopy(offer.nonce(), 0, salt, 0, JoinMessage.NONCE_LENGTH);
        System.arraycopy(answer.nonce(), 0, salt, JoinMessage.NONCE_LENGTH, JoinMessage.NONCE_LENGTH);
        HKDFBytesGenerator hkdf = new HKDFBytesGenerator(new SHA256Digest());
        hkdf.init(new HKDFParameters(shared, salt, info.toByteArray()));
        byte[] okm = new byte[2 * TrafficKey.LENGTH];
        hkdf.generateBytes(okm, 0, okm.length);
        TrafficKey joinerToMaster = new TrafficKey(0, Arrays.copyOfRange(okm, 0, TrafficKey.LENGTH));
        TrafficKey masterToJoiner = new TrafficKey(0, Arrays.copyOfRange(okm, TrafficKey.LENGTH, okm.length));
        Arrays.fill(okm, (byte) 0);
        Arrays.fill(shared, (byte) 0);
        return weAreJoiner ? new SessionKeys(peer, joinerToMaster, masterToJoiner)
                : new SessionKeys(peer, masterToJoiner, joinerToMaster);
    }

    static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
