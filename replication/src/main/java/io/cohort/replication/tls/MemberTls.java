package io.cohort.replication.tls;

import io.cohort.cluster.member.MemberId;
import io.cohort.cluster.pki.MemberCredential;
import io.cohort.cluster.pki.MemberCredentialVerifier;
import io.cohort.cluster.pki.Verification;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;
import javax.net.ssl.TrustManager;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.crypto.util.PrivateKeyInfoFactory;

/**
 * TLS 1.3 (RFC 8446) between members with the cluster's certificates, mutually authenticated: the
 * member's Ed25519 key and certificate on both sides (the JDK provider signs with ed25519), and
 * trust in exactly what the cluster PKI accepts ({@link MemberTrustManager}). The JDK's own
 * SSLEngine does the protocol; Netty's SslHandler drives it.
 */
public final class MemberTls {
    private static final String[] PROTOCOLS = {"TLSv1.3"};

    private final MemberKeyManager keys;
    private final X509Certificate ca;
    private final Supplier<MemberCredentialVerifier> verifier;
    private final CertificateRefusals refusals;
    private final SecureRandom random;
    private final SSLContext serverContext;

    /**
     * @param verifier the current verifier, asked at each handshake (so a new CRL takes effect
     *                 for every connection opened after it)
     */
    public MemberTls(MemberCredential credential, X509CertificateHolder ca, Supplier<MemberCredentialVerifier> verifier,
                     CertificateRefusals refusals, SecureRandom random) {
        this.keys = new MemberKeyManager(certificate(credential.certificate()), privateKey(credential));
        this.ca = certificate(ca);
        this.verifier = verifier;
        this.refusals = refusals;
        this.random = random;
        this.serverContext = context(Optional.empty());
    }

    /** An engine for a connection a peer opened to us: it must present a valid member certificate. */
    public SSLEngine serverEngine() {
        SSLEngine engine = serverContext.createSSLEngine();
        engine.setUseClientMode(false);
        engine.setNeedClientAuth(true);
        engine.setEnabledProtocols(PROTOCOLS);
        return engine;
    }

    /** An engine for a connection we open to {@code peer}: only {@code peer}'s certificate is accepted. */
    public SSLEngine clientEngine(MemberId peer) {
        SSLEngine engine = context(Optional.of(peer)).createSSLEngine();
        engine.setUseClientMode(true);
        engine.setEnabledProtocols(PROTOCOLS);
        return engine;
    }

    /**
     * The member that authenticated on the other end of {@code session} (checked again: the trust
     * manager accepted it during the handshake), or empty if it presented no acceptable certificate.
     */
    public Optional<MemberId> peer(SSLSession session) {
        try {
            Certificate[] chain = session.getPeerCertificates();
            if (chain.length == 0) {
                return Optional.empty();
            }
            return verifier.get().verify(List.of(chain[0].getEncoded())) instanceof Verification.Accepted accepted
                    ? Optional.of(accepted.member().member()) : Optional.empty();
        } catch (SSLPeerUnverifiedException | java.security.cert.CertificateEncodingException e) {
            return Optional.empty();
        }
    }

    private SSLContext context(Optional<MemberId> expectedServer) {
        try {
            SSLContext context = SSLContext.getInstance("TLSv1.3");
            context.init(new KeyManager[] {keys},
                    new TrustManager[] {new MemberTrustManager(verifier, ca, expectedServer, refusals)}, random);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK offers no TLS 1.3", e);
        }
    }

    /** The Bouncy Castle key as a JDK key, through its PKCS#8 encoding (RFC 8410 §7). */
    static PrivateKey privateKey(MemberCredential credential) {
        try {
            byte[] pkcs8 = PrivateKeyInfoFactory.createPrivateKeyInfo(credential.privateKey()).getEncoded();
            return KeyFactory.getInstance("Ed25519").generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException("the member key cannot be used by the JDK's TLS", e);
        }
    }

    static X509Certificate certificate(X509CertificateHolder holder) {
        try {
            return (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(holder.getEncoded()));
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException("certificate " + holder.getSubject() + " cannot be read by the JDK", e);
        }
    }
}
