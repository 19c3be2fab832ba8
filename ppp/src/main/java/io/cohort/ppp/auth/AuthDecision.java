package io.cohort.ppp.auth;

import io.cohort.ppp.crypto.MppeKeyMaterial;
import java.util.Optional;

/** An {@link Authenticator}'s verdict. */
public sealed interface AuthDecision {
    /**
     * Accepted. For MS-CHAPv2, {@code authenticatorResponse} is the 42-character "S=..." string
     * (RFC 2759 section 5) and {@code keys} the MPPE material; both empty for PAP and CHAP-MD5.
     */
    record Accept(String user, Optional<String> authenticatorResponse, Optional<MppeKeyMaterial> keys)
            implements AuthDecision {
        public static Accept plain(String user) {
            return new Accept(user, Optional.empty(), Optional.empty());
        }
    }

    /** Refused; {@code reason} is safe to show the peer and to log (no secrets). */
    record Reject(String reason) implements AuthDecision { }
}
