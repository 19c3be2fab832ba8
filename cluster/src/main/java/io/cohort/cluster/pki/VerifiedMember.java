package io.cohort.cluster.pki;

import io.cohort.cluster.member.MemberId;
import java.math.BigInteger;
import java.net.InetAddress;
import java.time.Instant;
import java.util.Objects;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;

/**
 * A member whose certificate {@link MemberCredentialVerifier} accepted.
 *
 * @param member    the certificate's subject CN
 * @param address   the member's cluster address (the certificate's one IP subject alternative name)
 * @param serial    the certificate's serial number (what a revocation names)
 * @param notAfter  end of the certificate's validity
 * @param publicKey the member's Ed25519 key, which signs its side of the join handshake
 */
public record VerifiedMember(MemberId member, InetAddress address, BigInteger serial, Instant notAfter,
                             Ed25519PublicKeyParameters publicKey) {
    public VerifiedMember {
        Objects.requireNonNull(member);
        Objects.requireNonNull(address);
        Objects.requireNonNull(serial);
        Objects.requireNonNull(notAfter);
        Objects.requireNonNull(publicKey);
    }

    @Override
    public String toString() {
        return member + " (" + address.getHostAddress() + ", serial " + serial.toString(16) + ")";
    }
}
