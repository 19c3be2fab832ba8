package io.cohort.cluster.pki;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Date;
import java.util.Objects;
import java.util.regex.Pattern;
import org.bouncycastle.asn1.edec.EdECObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.CRLNumber;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.X509v2CRLBuilder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.bc.BcX509ExtensionUtils;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.util.SubjectPublicKeyInfoFactory;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.bc.BcEdECContentSignerBuilder;

/**
 * The cluster CA: its self-signed certificate and its Ed25519 private key. It issues member
 * certificates and CRLs. Certificates and CRLs are deterministic functions of their inputs (Ed25519
 * signatures are), so tests can pin them as golden files.
 *
 * <p>A CA certificate has basicConstraints cA (critical, path length 0: there are no intermediate
 * CAs) and key usage keyCertSign | cRLSign. A member certificate has subject {@code CN=<member>},
 * basicConstraints not-cA (critical), key usage digitalSignature (critical), and exactly one IP
 * subject alternative name: the member's cluster address.
 */
public final class ClusterCa {
    /** Issued certificates start this long before "now", so that members whose clocks are a little
     *  behind the CA's still accept them. */
    public static final Duration BACKDATE = Duration.ofMinutes(5);

    /** Member (and CA) names: what the CN holds, file names in the CA directory, and the sender
     *  field of sealed cluster messages, hence ASCII and short. */
    public static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    static final AlgorithmIdentifier ED25519 = new AlgorithmIdentifier(EdECObjectIdentifiers.id_Ed25519);

    private final X509CertificateHolder certificate;
    private final Ed25519PrivateKeyParameters privateKey;

    private ClusterCa(X509CertificateHolder certificate, Ed25519PrivateKeyParameters privateKey) {
        this.certificate = certificate;
        this.privateKey = privateKey;
    }

    /** A new CA named {@code name} with a fresh key, valid from now (backdated) for {@code validity}. */
    public static ClusterCa generate(String name, Instant now, Duration validity, SecureRandom random) {
        return selfSigned(name, new Ed25519PrivateKeyParameters(random), randomSerial(random),
                now.minus(BACKDATE), now.plus(validity));
    }

    /** A CA with this key, serial and validity (deterministic: what the golden tests use). */
    public static ClusterCa selfSigned(String name, Ed25519PrivateKeyParameters key, BigInteger serial,
                                       Instant notBefore, Instant notAfter) {
        X500Name subject = commonName(name);
        Ed25519PublicKeyParameters publicKey = key.generatePublicKey();
        X509v3CertificateBuilder builder = builder(subject, serial, notBefore, notAfter, subject, publicKey);
        try {
            BcX509ExtensionUtils ids = new BcX509ExtensionUtils();
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(0));
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
            builder.addExtension(Extension.subjectKeyIdentifier, false, ids.createSubjectKeyIdentifier(spki(publicKey)));
        } catch (CertIOException e) {
            throw new UncheckedIOException(e);
        }
        return new ClusterCa(builder.build(signer(key)), key);
    }

    /** The CA read back from its files; the key must be the one the certificate certifies. */
    public static ClusterCa of(X509CertificateHolder certificate, Ed25519PrivateKeyParameters key) {
        byte[] certified = certificate.getSubjectPublicKeyInfo().getPublicKeyData().getBytes();
        if (!Arrays.equals(certified, key.generatePublicKey().getEncoded())) {
            throw new IllegalArgumentException("the CA private key does not match the CA certificate " + certificate.getSubject());
        }
        return new ClusterCa(certificate, key);
    }

    public X509CertificateHolder certificate() {
        return certificate;
    }

    public Ed25519PrivateKeyParameters privateKey() {
        return privateKey;
    }

    /** A new member credential: a fresh key pair and its certificate, valid from now (backdated) for {@code validity}. */
    public MemberCredential issue(String member, InetAddress address, Instant now, Duration validity, SecureRandom random) {
        Ed25519PrivateKeyParameters key = new Ed25519PrivateKeyParameters(random);
        X509CertificateHolder cert = certify(member, address, key.generatePublicKey(), randomSerial(random),
                now.minus(BACKDATE), now.plus(validity));
        return new MemberCredential(cert, key);
    }

    /** The certificate of {@code member} at {@code address} for {@code key} (deterministic). */
    public X509CertificateHolder certify(String member, InetAddress address, Ed25519PublicKeyParameters key,
                                         BigInteger serial, Instant notBefore, Instant notAfter) {
        requireName(member);
        Objects.requireNonNull(address);
        X509v3CertificateBuilder builder = builder(certificate.getSubject(), serial, notBefore, notAfter,
                commonName(member), key);
        try {
            BcX509ExtensionUtils ids = new BcX509ExtensionUtils();
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
            builder.addExtension(Extension.subjectAlternativeName, false,
                    new GeneralNames(new GeneralName(GeneralName.iPAddress, address.getHostAddress())));
            builder.addExtension(Extension.authorityKeyIdentifier, false,
                    ids.createAuthorityKeyIdentifier(certificate.getSubjectPublicKeyInfo()));
            builder.addExtension(Extension.subjectKeyIdentifier, false, ids.createSubjectKeyIdentifier(spki(key)));
        } catch (CertIOException e) {
            throw new UncheckedIOException(e);
        }
        return builder.build(signer(privateKey));
    }

    /** The first CRL of the CA: nobody revoked, CRL number 1, valid until {@code now + validity}. */
    public RevocationList emptyRevocationList(Instant now, Duration validity) {
        return crl(null, BigInteger.ONE, null, now, validity);
    }

    /**
     * The next CRL: everything {@code current} revokes plus {@code serial} (revoked at {@code now}),
     * with the next CRL number. Revoking a serial twice keeps its first revocation date.
     */
    public RevocationList revoke(RevocationList current, BigInteger serial, Instant now, Duration validity) {
        requireOurs(current);
        BigInteger next = current.crlNumber().add(BigInteger.ONE);
        return crl(current, next, current.isRevoked(serial) ? null : serial, now, validity);
    }

    /** The same revocations, re-signed with the next CRL number and a new validity (a CRL refresh). */
    public RevocationList refresh(RevocationList current, Instant now, Duration validity) {
        requireOurs(current);
        return crl(current, current.crlNumber().add(BigInteger.ONE), null, now, validity);
    }

    private RevocationList crl(RevocationList previous, BigInteger number, BigInteger newlyRevoked, Instant now,
                               Duration validity) {
        Instant thisUpdate = now.truncatedTo(ChronoUnit.SECONDS);
        X509v2CRLBuilder builder = new X509v2CRLBuilder(certificate.getSubject(), Date.from(thisUpdate));
        builder.setNextUpdate(Date.from(thisUpdate.plus(validity)));
        if (previous != null) {
            builder.addCRL(previous.holder());
        }
        if (newlyRevoked != null) {
            builder.addCRLEntry(newlyRevoked, Date.from(thisUpdate), null);
        }
        try {
            builder.addExtension(Extension.cRLNumber, false, new CRLNumber(number));
            builder.addExtension(Extension.authorityKeyIdentifier, false,
                    new BcX509ExtensionUtils().createAuthorityKeyIdentifier(certificate.getSubjectPublicKeyInfo()));
        } catch (CertIOException e) {
            throw new UncheckedIOException(e);
        }
        return new RevocationList(builder.build(signer(privateKey)));
    }

    private void requireOurs(RevocationList crl) {
        if (!crl.holder().getIssuer().equals(certificate.getSubject())) {
            throw new IllegalArgumentException("CRL issued by " + crl.holder().getIssuer() + ", not by " + certificate.getSubject());
        }
    }

    /** Throws unless {@code name} is a valid member or CA name ({@link #NAME}). */
    public static String requireName(String name) {
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("'" + name + "' is not a valid name (1 to 64 of letters, digits, '.', '-', '_',"
                    + " starting with a letter or digit)");
        }
        return name;
    }

    /** A random positive serial number of 127 bits (RFC 5280 allows 20 octets; unpredictable serials
     *  as the CA/Browser Forum asks for, though collisions matter more here than prediction). */
    static BigInteger randomSerial(SecureRandom random) {
        return new BigInteger(127, random).setBit(126);
    }

    private static X500Name commonName(String name) {
        return new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.CN, requireName(name)).build();
    }

    private static X509v3CertificateBuilder builder(X500Name issuer, BigInteger serial, Instant notBefore, Instant notAfter,
                                                    X500Name subject, Ed25519PublicKeyParameters key) {
        if (!notAfter.isAfter(notBefore)) {
            throw new IllegalArgumentException("validity ends (" + notAfter + ") before it starts (" + notBefore + ")");
        }
        if (serial.signum() <= 0) {
            throw new IllegalArgumentException("serial number must be positive");
        }
        return new X509v3CertificateBuilder(issuer, serial, Date.from(notBefore.truncatedTo(ChronoUnit.SECONDS)),
                Date.from(notAfter.truncatedTo(ChronoUnit.SECONDS)), subject, spki(key));
    }

    static SubjectPublicKeyInfo spki(Ed25519PublicKeyParameters key) {
        try {
            return SubjectPublicKeyInfoFactory.createSubjectPublicKeyInfo(key);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ContentSigner signer(Ed25519PrivateKeyParameters key) {
        try {
            return new BcEdECContentSignerBuilder(ED25519).build(key);
        } catch (OperatorCreationException e) {
            throw new IllegalStateException("Bouncy Castle cannot sign with Ed25519", e);
        }
    }

    @Override
    public String toString() {
        return "ClusterCa[" + certificate.getSubject() + ", private key redacted]";
    }
}
