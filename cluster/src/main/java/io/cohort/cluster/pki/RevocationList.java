package io.cohort.cluster.pki;

import java.math.BigInteger;
import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import org.bouncycastle.asn1.x509.CRLNumber;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.cert.X509CRLEntryHolder;
import org.bouncycastle.cert.X509CRLHolder;

/**
 * The cluster CA's certificate revocation list (RFC 5280 §5): which member certificates, by serial
 * number, are no longer trusted. Immutable; {@link ClusterCa#revoke} makes the next one.
 */
public final class RevocationList {
    private final X509CRLHolder holder;

    public RevocationList(X509CRLHolder holder) {
        this.holder = Objects.requireNonNull(holder);
        if (holder.getNextUpdate() == null) {
            throw new IllegalArgumentException("CRL of " + holder.getIssuer() + " has no nextUpdate");
        }
    }

    public X509CRLHolder holder() {
        return holder;
    }

    public boolean isRevoked(BigInteger serial) {
        return holder.getRevokedCertificate(serial) != null;
    }

    /** The revoked serial numbers, in increasing order. */
    public List<BigInteger> revokedSerials() {
        @SuppressWarnings("unchecked") // Bouncy Castle's raw Collection of X509CRLEntryHolder
        Collection<X509CRLEntryHolder> entries = holder.getRevokedCertificates();
        return entries.stream()
                .map(X509CRLEntryHolder::getSerialNumber)
                .sorted(Comparator.naturalOrder())
                .toList();
    }

    /** The CRL number extension (RFC 5280 §5.2.3); 0 when absent. */
    public BigInteger crlNumber() {
        Extension ext = holder.getExtension(Extension.cRLNumber);
        return ext == null ? BigInteger.ZERO : CRLNumber.getInstance(ext.getParsedValue()).getCRLNumber();
    }

    public Instant thisUpdate() {
        return holder.getThisUpdate().toInstant();
    }

    public Instant nextUpdate() {
        return holder.getNextUpdate().toInstant();
    }

    @Override
    public String toString() {
        return "RevocationList[" + holder.getIssuer() + " #" + crlNumber() + ", " + revokedSerials().size() + " revoked, next update "
                + nextUpdate() + "]";
    }
}
