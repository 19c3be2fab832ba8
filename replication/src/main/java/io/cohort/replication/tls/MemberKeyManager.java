package io.cohort.replication.tls;

import java.net.Socket;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedKeyManager;

/**
 * This member's one certificate and key, offered whenever the handshake asks for an Ed25519 key
 * (RFC 8446 §4.2.3, signature scheme ed25519; the JDK names the key type "EdDSA").
 */
final class MemberKeyManager extends X509ExtendedKeyManager {
    private static final String ALIAS = "member";

    private final X509Certificate certificate;
    private final PrivateKey key;

    MemberKeyManager(X509Certificate certificate, PrivateKey key) {
        this.certificate = certificate;
        this.key = key;
    }

    @Override
    public String[] getClientAliases(String keyType, Principal[] issuers) {
        return fits(keyType) ? new String[] {ALIAS} : null;
    }

    @Override
    public String chooseClientAlias(String[] keyTypes, Principal[] issuers, Socket socket) {
        return keyTypes != null && Arrays.stream(keyTypes).anyMatch(this::fits) ? ALIAS : null;
    }

    @Override
    public String chooseEngineClientAlias(String[] keyTypes, Principal[] issuers, SSLEngine engine) {
        return chooseClientAlias(keyTypes, issuers, null);
    }

    @Override
    public String[] getServerAliases(String keyType, Principal[] issuers) {
        return getClientAliases(keyType, issuers);
    }

    @Override
    public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
        return fits(keyType) ? ALIAS : null;
    }

    @Override
    public String chooseEngineServerAlias(String keyType, Principal[] issuers, SSLEngine engine) {
        return chooseServerAlias(keyType, issuers, null);
    }

    @Override
    public X509Certificate[] getCertificateChain(String alias) {
        return ALIAS.equals(alias) ? new X509Certificate[] {certificate} : null;
    }

    @Override
    public PrivateKey getPrivateKey(String alias) {
        return ALIAS.equals(alias) ? key : null;
    }

    private boolean fits(String keyType) {
        return keyType != null && (keyType.equalsIgnoreCase(key.getAlgorithm()) || keyType.equalsIgnoreCase("EdDSA")
                || keyType.equalsIgnoreCase("Ed25519"));
    }

    @Override
    public String toString() {
        return "MemberKeyManager[" + certificate.getSubjectX500Principal() + ", private key redacted]";
    }
}
