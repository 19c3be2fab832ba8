package io.cohort.cluster.secure;

import io.cohort.cluster.member.MemberId;
import io.cohort.cluster.pki.MemberCredential;
import io.cohort.cluster.pki.MemberCredentialVerifier;
import io.cohort.cluster.pki.VerifiedMember;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.SecureRandom;
import org.bouncycastle.crypto.params.X25519PrivateKeyParameters;

/**
 * The master's side of the join handshake ({@link JoinerHandshake} explains the exchange). On an
 * offer it checks the joiner's certificate (a refusal is the join's NAK reason), derives the
 * session and signs its answer; {@link #joiner()} is what the applications are asked to approve.
 * The session is returned only by {@link #onFinish}, once the joiner has proved it holds its
 * certificate's key and took part in this very exchange. Sans I/O; single use.
 */
public final class MasterHandshake {
    private final VerifiedMember joiner;
    private final JoinMessage.Offer offer;
    private final JoinMessage.Answer answer;
    private SessionKeys keys;

    private MasterHandshake(VerifiedMember joiner, JoinMessage.Offer offer, JoinMessage.Answer answer, SessionKeys keys) {
        this.joiner = joiner;
        this.offer = offer;
        this.answer = answer;
        this.keys = keys;
    }

    /** Checks an offer and prepares the answer; throws if the join must be refused. */
    public static MasterHandshake onOffer(MemberCredential self, MemberId selfName, MemberCredentialVerifier verifier,
                                          byte[] bytes, SecureRandom random) throws HandshakeException {
        JoinMessage.Offer offer = JoinMessage.Offer.decode(bytes);
        VerifiedMember joiner = HandshakeCrypto.verifyCredential(verifier, offer.certificate(), selfName);
        X25519PrivateKeyParameters ephemeral = new X25519PrivateKeyParameters(random);
        byte[] nonce = new byte[JoinMessage.NONCE_LENGTH];
        random.nextBytes(nonce);
        byte[] certificate;
        try {
            certificate = self.certificate().getEncoded();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        JoinMessage.Answer unsigned = new JoinMessage.Answer(certificate, ephemeral.generatePublicKey().getEncoded(), nonce,
                new byte[JoinMessage.SIGNATURE_LENGTH]);
        byte[] shared = HandshakeCrypto.agree(ephemeral, offer.ephemeral());
        byte[] signature = HandshakeCrypto.sign(self.privateKey(), HandshakeCrypto.MASTER_LABEL,
                HandshakeCrypto.hash(offer.encode(), unsigned.unsigned()));
        JoinMessage.Answer answer = new JoinMessage.Answer(certificate, unsigned.ephemeral(), nonce, signature);
        SessionKeys keys = HandshakeCrypto.derive(shared, offer, answer, joiner.member(), selfName, joiner, false);
        return new MasterHandshake(joiner, offer, answer, keys);
    }

    /** The joiner, verified by its certificate (not yet by possession of its key). */
    public VerifiedMember joiner() {
        return joiner;
    }

    /** The answer to send to the joiner. */
    public byte[] answer() {
        return answer.encode();
    }

    /** Checks the joiner's finish; the session is the master's to install from then on. */
    public SessionKeys onFinish(byte[] bytes) throws HandshakeException {
        if (keys == null) {
            throw new IllegalStateException("this handshake already completed");
        }
        JoinMessage.Finish finish = JoinMessage.Finish.decode(bytes);
        HandshakeCrypto.verify(joiner.publicKey(), HandshakeCrypto.JOINER_LABEL,
                HandshakeCrypto.hash(offer.encode(), answer.encode()), finish.signature(), joiner.member());
        SessionKeys result = keys;
        keys = null;
        return result;
    }

    @Override
    public String toString() {
        return "MasterHandshake[" + joiner + (keys == null ? ", done" : ", answered") + "]";
    }
}
