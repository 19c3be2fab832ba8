package io.cohort.cluster.pki;

import java.util.Arrays;
import java.util.Objects;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;

/**
 * What a member holds to prove who it is: its certificate and the matching Ed25519 private key.
 * {@link #toString()} names the certificate only, never the key.
 */
public record MemberCredential(X509CertificateHolder certificate, Ed25519PrivateKeyParameters privateKey) {
    public MemberCredential {
        Objects.requireNonNull(certificate);
        Objects.requireNonNull(privateKey);
        byte[] certified = certificate.getSubjectPublicKeyInfo().getPublicKeyData().getBytes();
        if (!Arrays.equals(certified, privateKey.generatePublicKey().getEncoded())) {
            throw new IllegalArgumentException("private key does not match the certificate of " + certificate.getSubject());
        }
    }

    @Override
    public String toString() {
        return "MemberCredential[" + certificate.getSubject() + ", serial " + certificate.getSerialNumber().toString(16)
                + ", private key redacted]";
    }
}
