package io.cohort.replication.tls;

import io.cohort.cluster.pki.Verification;

/** Told of each certificate the TLS handshake refused, for counters and a rate-limited log. */
@FunctionalInterface
public interface CertificateRefusals {
    /** {@code presentedBy} is "a client" or the member we meant to reach. */
    void refused(String presentedBy, Verification.Refused refusal);
}
