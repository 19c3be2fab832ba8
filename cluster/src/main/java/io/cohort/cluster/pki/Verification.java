package io.cohort.cluster.pki;

import java.util.Objects;

/** The outcome of checking a presented member certificate: accepted with an identity, or refused with a reason. */
public sealed interface Verification {
    /** The certificate belongs to a current member. */
    record Accepted(VerifiedMember member) implements Verification {
        public Accepted {
            Objects.requireNonNull(member);
        }
    }

    /** The certificate is refused; {@code detail} says what was wrong for logs and NAKs. */
    record Refused(RefusalReason reason, String detail) implements Verification {
        public Refused {
            Objects.requireNonNull(reason);
            Objects.requireNonNull(detail);
        }
    }
}
