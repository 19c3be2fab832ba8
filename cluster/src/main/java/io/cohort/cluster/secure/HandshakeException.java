package io.cohort.cluster.secure;

import io.cohort.cluster.pki.RefusalReason;
import java.util.Optional;

/** A join handshake that cannot complete; the join is refused with {@link #failure()} as the reason. */
public final class HandshakeException extends Exception {
    /** What went wrong. */
    public enum Failure {
        /** The message is not a well-formed handshake message of the expected type. */
        MALFORMED,
        /** The peer's certificate was refused ({@link #credentialRefusal()} says why). */
        CREDENTIAL_REFUSED,
        /** The peer's signature over the handshake does not verify with its certificate's key. */
        BAD_SIGNATURE,
        /** The peer's ephemeral X25519 key gives an all-zero shared secret (a low-order point). */
        WEAK_KEY
    }

    private final Failure failure;
    private final RefusalReason credentialRefusal;

    public HandshakeException(Failure failure, String message) {
        this(failure, null, message);
    }

    HandshakeException(Failure failure, RefusalReason credentialRefusal, String message) {
        super(message);
        this.failure = failure;
        this.credentialRefusal = credentialRefusal;
    }

    public Failure failure() {
        return failure;
    }

    public Optional<RefusalReason> credentialRefusal() {
        return Optional.ofNullable(credentialRefusal);
    }
}
