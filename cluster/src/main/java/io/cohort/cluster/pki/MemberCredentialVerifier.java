package io.cohort.cluster.pki;

import io.cohort.cluster.member.MemberId;
import java.io.IOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x500.style.IETFUtils;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.CertException;
import org.bouncycastle.cert.X509CRLHolder;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.crypto.params.AsymmetricKeyParameter;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.util.PublicKeyFactory;
import org.bouncycastle.operator.ContentVerifierProvider;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.bc.BcEdDSAContentVerifierProviderBuilder;

/**
 * Decides whether a presented certificate chain belongs to a current cluster member (the master's
 * check of a join request, DESIGN.md "The cluster layer"; the patent's "list of valid
 * certificates"). The trust is one CA certificate and its current CRL, both checked once here
 * (self-signed CA with cA and keyCertSign; CRL signed by that CA). The chain is the member
 * certificate, optionally followed by the CA certificate itself; there are no intermediates.
 *
 * <p>Checks, in order, with the first failure as the {@link RefusalReason}: parseable (MALFORMED),
 * issued and signed by the CA (UNTRUSTED_ISSUER), CA and CRL currently valid (CA_NOT_VALID,
 * CRL_EXPIRED), the certificate's validity window (NOT_YET_VALID, EXPIRED), member shape
 * (NOT_A_MEMBER_CERTIFICATE), not revoked (REVOKED). Never throws on presented bytes.
 */
public final class MemberCredentialVerifier {
    private static final Set<ASN1ObjectIdentifier> UNDERSTOOD_CRITICAL =
            Set.of(Extension.basicConstraints, Extension.keyUsage, Extension.subjectAlternativeName);

    private final X509CertificateHolder ca;
    private final byte[] caEncoded;
    private final ContentVerifierProvider caVerifier;
    private final X509CRLHolder crl;
    private final InstantSource clock;

    /**
     * @throws IllegalArgumentException if the CA certificate is not a self-signed Ed25519 CA, or the
     *                                  CRL is not signed by it (a configuration error, not a refusal)
     */
    public MemberCredentialVerifier(X509CertificateHolder ca, RevocationList crl, InstantSource clock) {
        this.ca = Objects.requireNonNull(ca);
        this.crl = crl.holder();
        this.clock = Objects.requireNonNull(clock);
        try {
            this.caEncoded = ca.getEncoded();
            this.caVerifier = new BcEdDSAContentVerifierProviderBuilder().build(ca);
        } catch (IOException | OperatorCreationException e) {
            throw new IllegalArgumentException("the CA certificate " + ca.getSubject() + " has no usable Ed25519 key", e);
        }
        BasicConstraints bc = BasicConstraints.fromExtensions(ca.getExtensions());
        KeyUsage usage = KeyUsage.fromExtensions(ca.getExtensions());
        if (bc == null || !bc.isCA() || usage == null || !usage.hasUsages(KeyUsage.keyCertSign | KeyUsage.cRLSign)) {
            throw new IllegalArgumentException(ca.getSubject() + " is not a CA certificate (basicConstraints cA, keyCertSign, cRLSign)");
        }
        if (!ca.getIssuer().equals(ca.getSubject()) || !signedByCa(ca)) {
            throw new IllegalArgumentException(ca.getSubject() + " is not self-signed");
        }
        try {
            if (!this.crl.getIssuer().equals(ca.getSubject()) || !this.crl.isSignatureValid(caVerifier)) {
                throw new IllegalArgumentException("the CRL is not signed by the CA " + ca.getSubject());
            }
        } catch (CertException e) {
            throw new IllegalArgumentException("the CRL's signature cannot be checked", e);
        }
    }

    /** Checks a chain as presented on the wire: DER certificates, the member's first. */
    public Verification verify(List<byte[]> derChain) {
        if (derChain.isEmpty() || derChain.size() > 2) {
            return refused(RefusalReason.MALFORMED, "a chain of 1 or 2 certificates is expected, got " + derChain.size());
        }
        if (derChain.size() == 2 && !Arrays.equals(derChain.get(1), caEncoded)) {
            return refused(RefusalReason.UNTRUSTED_ISSUER, "the second certificate is not the cluster CA's");
        }
        X509CertificateHolder cert;
        try {
            cert = new X509CertificateHolder(derChain.getFirst());
            // The signature is checked over a DER re-encoding of what was parsed, so BER variants of
            // a signed certificate (a BOOLEAN TRUE of 0xFE) would otherwise pass as that certificate.
            if (!Arrays.equals(cert.toASN1Structure().getEncoded(ASN1Encoding.DER), derChain.getFirst())) {
                return refused(RefusalReason.MALFORMED, "not in DER (distinguished) encoding");
            }
        } catch (IOException | RuntimeException e) {
            return refused(RefusalReason.MALFORMED, "not a DER X.509 certificate");
        }
        return verify(cert);
    }

    /** Checks one member certificate. */
    public Verification verify(X509CertificateHolder cert) {
        try {
            return check(cert);
        } catch (RuntimeException e) {
            // Bouncy Castle parses some fields lazily: a damaged name or extension surfaces here.
            return refused(RefusalReason.MALFORMED, "unparseable certificate: " + e.getClass().getSimpleName());
        }
    }

    private Verification check(X509CertificateHolder cert) {
        if (!cert.getIssuer().equals(ca.getSubject())) {
            return refused(RefusalReason.UNTRUSTED_ISSUER, "issued by " + cert.getIssuer() + ", not by the cluster CA " + ca.getSubject());
        }
        if (!signedByCa(cert)) {
            return refused(RefusalReason.UNTRUSTED_ISSUER, "its signature does not verify with the key of the cluster CA " + ca.getSubject());
        }
        Instant now = clock.instant();
        Date nowDate = Date.from(now);
        if (!ca.isValidOn(nowDate)) {
            return refused(RefusalReason.CA_NOT_VALID, "the cluster CA certificate is valid from " + ca.getNotBefore().toInstant()
                    + " to " + ca.getNotAfter().toInstant() + ", now is " + now);
        }
        if (now.isAfter(crl.getNextUpdate().toInstant())) {
            return refused(RefusalReason.CRL_EXPIRED, "the CRL expired at " + crl.getNextUpdate().toInstant() + "; issue a fresh one");
        }
        if (now.isBefore(cert.getNotBefore().toInstant())) {
            return refused(RefusalReason.NOT_YET_VALID, "valid from " + cert.getNotBefore().toInstant() + ", now is " + now);
        }
        if (now.isAfter(cert.getNotAfter().toInstant())) {
            return refused(RefusalReason.EXPIRED, "expired at " + cert.getNotAfter().toInstant() + ", now is " + now);
        }
        Verification shape = memberShape(cert);
        if (shape instanceof Verification.Refused) {
            return shape;
        }
        BigInteger serial = cert.getSerialNumber();
        if (crl.getRevokedCertificate(serial) != null) {
            return refused(RefusalReason.REVOKED, "serial " + serial.toString(16) + " was revoked at "
                    + crl.getRevokedCertificate(serial).getRevocationDate().toInstant());
        }
        return shape;
    }

    private Verification memberShape(X509CertificateHolder cert) {
        try {
            for (Object oid : cert.getCriticalExtensionOIDs()) {
                if (!UNDERSTOOD_CRITICAL.contains(oid)) {
                    return refused(RefusalReason.NOT_A_MEMBER_CERTIFICATE, "unknown critical extension " + oid);
                }
            }
            BasicConstraints bc = BasicConstraints.fromExtensions(cert.getExtensions());
            if (bc != null && bc.isCA()) {
                return refused(RefusalReason.NOT_A_MEMBER_CERTIFICATE, "it is a CA certificate");
            }
            KeyUsage usage = KeyUsage.fromExtensions(cert.getExtensions());
            if (usage == null || !usage.hasUsages(KeyUsage.digitalSignature)) {
                return refused(RefusalReason.NOT_A_MEMBER_CERTIFICATE, "no digitalSignature key usage");
            }
            AsymmetricKeyParameter key = PublicKeyFactory.createKey(cert.getSubjectPublicKeyInfo());
            if (!(key instanceof Ed25519PublicKeyParameters ed25519)) {
                return refused(RefusalReason.NOT_A_MEMBER_CERTIFICATE, "its key is not Ed25519");
            }
            RDN[] cns = cert.getSubject().getRDNs(BCStyle.CN);
            String name = cns.length == 1 ? IETFUtils.valueToString(cns[0].getFirst().getValue()) : "";
            if (!ClusterCa.NAME.matcher(name).matches()) {
                return refused(RefusalReason.NOT_A_MEMBER_CERTIFICATE, "no valid member name in " + cert.getSubject());
            }
            GeneralNames sans = GeneralNames.fromExtensions(cert.getExtensions(), Extension.subjectAlternativeName);
            List<GeneralName> ips = sans == null ? List.of()
                    : Arrays.stream(sans.getNames()).filter(n -> n.getTagNo() == GeneralName.iPAddress).toList();
            if (ips.size() != 1) {
                return refused(RefusalReason.NOT_A_MEMBER_CERTIFICATE, "expected one IP subject alternative name, found " + ips.size());
            }
            InetAddress address = InetAddress.getByAddress(DEROctetString.getInstance(ips.getFirst().getName()).getOctets());
            return new Verification.Accepted(new VerifiedMember(MemberId.of(name), address, cert.getSerialNumber(),
                    cert.getNotAfter().toInstant(), ed25519));
        } catch (IOException | RuntimeException e) {
            // UnknownHostException (an IP SAN of a length other than 4 or 16) is an IOException.
            return refused(RefusalReason.MALFORMED, "unparseable extension or key: " + e.getClass().getSimpleName());
        }
    }

    private boolean signedByCa(X509CertificateHolder cert) {
        try {
            return cert.isSignatureValid(caVerifier);
        } catch (CertException | RuntimeException e) {
            return false;
        }
    }

    private static Verification refused(RefusalReason reason, String detail) {
        return new Verification.Refused(reason, detail);
    }
}
