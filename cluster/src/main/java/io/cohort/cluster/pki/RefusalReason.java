package io.cohort.cluster.pki;

/** Why {@link MemberCredentialVerifier} refused a presented member certificate. */
public enum RefusalReason {
    /** The bytes are not a DER X.509 certificate, or the chain is empty or too long. */
    MALFORMED,
    /** Not issued by this cluster's CA: another issuer name, a signature that does not verify
     *  with the CA's key, or a second chain element that is not the CA certificate. */
    UNTRUSTED_ISSUER,
    /** The current time is before the certificate's notBefore. */
    NOT_YET_VALID,
    /** The current time is after the certificate's notAfter. */
    EXPIRED,
    /** The certificate's serial number is on the cluster CRL. */
    REVOKED,
    /** Issued by the CA but not a member certificate: a CA flag, no digital-signature key usage,
     *  a key that is not Ed25519, no valid member name, no single cluster IP address, or an
     *  unknown critical extension. */
    NOT_A_MEMBER_CERTIFICATE,
    /** The CA certificate itself is outside its validity window. */
    CA_NOT_VALID,
    /** The CRL is past its nextUpdate: revocation status is unknown, so nobody is accepted
     *  (fail closed) until the operator issues a fresh CRL. */
    CRL_EXPIRED
}
