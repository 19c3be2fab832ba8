package io.cohort.replication.tls;

import io.cohort.cluster.member.MemberId;
import io.cohort.cluster.pki.MemberCredentialVerifier;
import io.cohort.cluster.pki.RefusalReason;
import io.cohort.cluster.pki.Verification;
import java.net.Socket;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * Trusts exactly the certificates the cluster PKI accepts ({@link MemberCredentialVerifier}: the
 * cluster CA, validity, the CRL, a member certificate's shape) instead of the JDK's PKIX checks,
 * and, on a connection this member opened, only the member it meant to reach: a valid certificate
 * of another member is refused there, so a misdirected address cannot make us send our state to
 * the wrong member.
 */
final class MemberTrustManager extends X509ExtendedTrustManager {
    private final Supplier<MemberCredentialVerifier> verifier;
    private final X509Certificate ca;
    private final Optional<MemberId> expectedServer;
    private final CertificateRefusals refusals;

    /**
     * @param verifier       the current verifier (a new CRL makes a new one)
     * @param expectedServer the member a client connection must reach; empty on the server side
     */
    MemberTrustManager(Supplier<MemberCredentialVerifier> verifier, X509Certificate ca, Optional<MemberId> expectedServer,
                       CertificateRefusals refusals) {
        this.verifier = verifier;
        this.ca = ca;
        this.expectedServer = expectedServer;
        this.refusals = refusals;
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        check(chain, Optional.empty(), "a client");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        checkClientTrusted(chain, authType);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
        checkClientTrusted(chain, authType);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        MemberId expected = expectedServer.orElseThrow(
                () -> new CertificateException("this trust manager checks clients only"));
        check(chain, expectedServer, expected.name());
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        checkServerTrusted(chain, authType);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
        checkServerTrusted(chain, authType);
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return new X509Certificate[] {ca};
    }

    private void check(X509Certificate[] chain, Optional<MemberId> expected, String presentedBy) throws CertificateException {
        Verification verification = verifier.get().verify(der(chain));
        if (verification instanceof Verification.Accepted accepted && expected.isPresent()
                && !accepted.member().member().equals(expected.get())) {
            verification = new Verification.Refused(RefusalReason.UNTRUSTED_ISSUER,
                    "the certificate names " + accepted.member().member() + ", not the member we meant to reach");
        }
        if (verification instanceof Verification.Refused refused) {
            refusals.refused(presentedBy, refused);
            throw new CertificateException(refused.reason() + ": " + refused.detail());
        }
    }

    private static List<byte[]> der(X509Certificate[] chain) throws CertificateException {
        List<byte[]> der = new ArrayList<>(chain.length);
        for (X509Certificate certificate : chain) {
            try {
                der.add(certificate.getEncoded());
            } catch (CertificateEncodingException e) {
                throw new CertificateException("a certificate of the chain cannot be encoded", e);
            }
        }
        return der;
    }
}
