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
 * The joining member's side of the join handshake (a SIGMA-style signed Diffie-Hellman, as in
 * IKEv2 and TLS 1.3): it sends an {@link JoinMessage.Offer} with its certificate, a fresh X25519
 * key and nonce; checks the master's {@link JoinMessage.Answer} (certificate against the cluster
 * CA and CRL, signature over offer and answer) and answers with a {@link JoinMessage.Finish}
 * signing the whole exchange. The master installs the session only on that finish, so a replayed
 * offer never replaces a live member's keys. Sans I/O: bytes in, bytes and keys out; single use.
 */
public final class JoinerHandshake {
    private final MemberCredential self;
    private final MemberId selfName;
    private final MemberCredentialVerifier verifier;
    private final X25519PrivateKeyParameters ephemeral;
    private final JoinMessage.Offer offer;
    private boolean done;

    /** The outcome: the session, and the finish message to send to the master. */
    public record Completed(SessionKeys keys, byte[] finish) {
    }

    private JoinerHandshake(MemberCredential self, MemberId selfName, MemberCredentialVerifier verifier, SecureRandom random) {
        this.self = self;
        this.selfName = selfName;
        this.verifier = verifier;
        this.ephemeral = new X25519PrivateKeyParameters(random);
        byte[] nonce = new byte[JoinMessage.NONCE_LENGTH];
        random.nextBytes(nonce);
        try {
            this.offer = new JoinMessage.Offer(self.certificate().getEncoded(), ephemeral.generatePublicKey().getEncoded(), nonce);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Starts a join as {@code selfName} (the CN of {@code self}'s certificate). */
    public static JoinerHandshake start(MemberCredential self, MemberId selfName, MemberCredentialVerifier verifier,
                                        SecureRandom random) {
        return new JoinerHandshake(self, selfName, verifier, random);
    }

    /** The offer to send to the master. */
    public byte[] offer() {
        return offer.encode();
    }

    /** Checks the master's answer; on success, the session keys and the finish to send. */
    public Completed onAnswer(byte[] bytes) throws HandshakeException {
        if (done) {
            throw new IllegalStateException("this handshake already completed");
        }
        JoinMessage.Answer answer = JoinMessage.Answer.decode(bytes);
        VerifiedMember master = HandshakeCrypto.verifyCredential(verifier, answer.certificate(), selfName);
        byte[] signed = HandshakeCrypto.hash(offer.encode(), answer.unsigned());
        HandshakeCrypto.verify(master.publicKey(), HandshakeCrypto.MASTER_LABEL, signed, answer.signature(), master.member());
        byte[] shared = HandshakeCrypto.agree(ephemeral, answer.ephemeral());
        SessionKeys keys = HandshakeCrypto.derive(shared, offer, answer, selfName, master.member(), master, true);
        byte[] finishSigned = HandshakeCrypto.hash(offer.encode(), answer.encode());
        byte[] finish = new JoinMessage.Finish(
                HandshakeCrypto.sign(self.privateKey(), HandshakeCrypto.JOINER_LABEL, finishSigned)).encode();
        done = true;
        return new Completed(keys, finish);
    }

    @Override
    public String toString() {
        return "JoinerHandshake[" + selfName + (done ? ", done" : ", offered") + "]";
    }
}
