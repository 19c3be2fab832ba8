package io.cohort.cluster.pki;

import static io.cohort.cluster.pki.TestPki.T0;
import static io.cohort.cluster.pki.TestPki.YEAR;
import static io.cohort.cluster.pki.TestPki.ip;
import static io.cohort.cluster.pki.TestPki.key;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cohort.cluster.member.MemberId;
import java.io.IOException;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import org.bouncycastle.cert.X509CertificateHolder;
import org.junit.jupiter.api.Test;

class MemberCredentialVerifierTest {
    private static final Instant NOW = T0.plus(Duration.ofDays(10));

    private final ClusterCa ca = TestPki.ca();
    private final RevocationList noRevocations = ca.emptyRevocationList(T0, YEAR);
    private final X509CertificateHolder alpha = ca.certify("alpha", ip("10.0.0.1"), key(2).generatePublicKey(),
            BigInteger.valueOf(100), T0, T0.plus(YEAR));

    private MemberCredentialVerifier verifier(RevocationList crl, Instant now) {
        return new MemberCredentialVerifier(ca.certificate(), crl, InstantSource.fixed(now));
    }

    private static RefusalReason reason(Verification v) {
        assertThat(v).isInstanceOf(Verification.Refused.class);
        return ((Verification.Refused) v).reason();
    }

    @Test
    void aGoodCertificateGivesTheMembersNameAddressAndKey() {
        Verification v = verifier(noRevocations, NOW).verify(alpha);

        assertThat(v).isInstanceOf(Verification.Accepted.class);
        VerifiedMember m = ((Verification.Accepted) v).member();
        assertThat(m.member()).isEqualTo(MemberId.of("alpha"));
        assertThat(m.address()).isEqualTo(ip("10.0.0.1"));
        assertThat(m.serial()).isEqualTo(BigInteger.valueOf(100));
        assertThat(m.publicKey().getEncoded()).isEqualTo(key(2).generatePublicKey().getEncoded());
        assertThat(m.toString()).isEqualTo("alpha (10.0.0.1, serial 64)");
    }

    @Test
    void anIpv6AddressIsCarriedToo() {
        X509CertificateHolder v6 = ca.certify("beta", ip("fd00::7"), key(3).generatePublicKey(), BigInteger.TWO, T0, T0.plus(YEAR));

        Verification v = verifier(noRevocations, NOW).verify(v6);

        assertThat(((Verification.Accepted) v).member().address()).isEqualTo(ip("fd00::7"));
    }

    @Test
    void aCertificateFromAnotherCaIsRefusedEvenUnderTheSameName() throws IOException {
        ClusterCa impostor = ClusterCa.selfSigned("cohort-test", key(9), BigInteger.ONE, T0, T0.plus(YEAR));
        ClusterCa other = ClusterCa.selfSigned("other", key(9), BigInteger.ONE, T0, T0.plus(YEAR));
        MemberCredentialVerifier verifier = verifier(noRevocations, NOW);

        X509CertificateHolder sameName = impostor.certify("alpha", ip("10.0.0.1"), key(2).generatePublicKey(), BigInteger.TEN, T0, T0.plus(YEAR));
        X509CertificateHolder otherName = other.certify("alpha", ip("10.0.0.1"), key(2).generatePublicKey(), BigInteger.TEN, T0, T0.plus(YEAR));

        assertThat(reason(verifier.verify(sameName))).isEqualTo(RefusalReason.UNTRUSTED_ISSUER);
        assertThat(reason(verifier.verify(otherName))).isEqualTo(RefusalReason.UNTRUSTED_ISSUER);
        assertThat(reason(verifier.verify(List.of(sameName.getEncoded(), impostor.certificate().getEncoded()))))
                .isEqualTo(RefusalReason.UNTRUSTED_ISSUER);
    }

    @Test
    void aRevokedCertificateIsRefused() {
        RevocationList crl = ca.revoke(noRevocations, BigInteger.valueOf(100), T0.plus(Duration.ofDays(1)), YEAR);

        Verification v = verifier(crl, NOW).verify(alpha);

        assertThat(reason(v)).isEqualTo(RefusalReason.REVOKED);
        assertThat(((Verification.Refused) v).detail()).isEqualTo("serial 64 was revoked at 2026-01-02T00:00:00Z");
    }

    @Test
    void theValidityWindowIsEnforcedAtItsEdges() {
        assertThat(reason(verifier(noRevocations, T0.minusSeconds(1)).verify(alpha))).isEqualTo(RefusalReason.CA_NOT_VALID);
        X509CertificateHolder later = ca.certify("alpha", ip("10.0.0.1"), key(2).generatePublicKey(), BigInteger.TEN,
                NOW.plusSeconds(60), NOW.plus(YEAR));
        assertThat(reason(verifier(noRevocations, NOW).verify(later))).isEqualTo(RefusalReason.NOT_YET_VALID);
        assertThat(verifier(noRevocations, NOW.plusSeconds(60)).verify(later)).isInstanceOf(Verification.Accepted.class);

        RevocationList fresh = ca.emptyRevocationList(T0.plus(YEAR), YEAR);
        assertThat(verifier(fresh, T0.plus(YEAR)).verify(alpha)).isInstanceOf(Verification.Accepted.class);
        assertThat(reason(verifier(fresh, T0.plus(YEAR).plusSeconds(1)).verify(alpha))).isEqualTo(RefusalReason.EXPIRED);
    }

    @Test
    void anExpiredCrlRefusesEveryone() {
        Verification v = verifier(noRevocations, T0.plus(YEAR).plusSeconds(1)).verify(alpha);

        assertThat(reason(v)).isEqualTo(RefusalReason.CRL_EXPIRED);
    }

    @Test
    void theCaCertificateItselfIsNotAMemberCertificate() {
        assertThat(reason(verifier(noRevocations, NOW).verify(ca.certificate()))).isEqualTo(RefusalReason.NOT_A_MEMBER_CERTIFICATE);
    }

    @Test
    void garbageAndBadChainsAreMalformed() throws IOException {
        MemberCredentialVerifier verifier = verifier(noRevocations, NOW);

        assertThat(reason(verifier.verify(List.of()))).isEqualTo(RefusalReason.MALFORMED);
        assertThat(reason(verifier.verify(List.of(new byte[] {0x30, 0x03, 1, 2, 3})))).isEqualTo(RefusalReason.MALFORMED);
        byte[] der = alpha.getEncoded();
        assertThat(reason(verifier.verify(List.of(der, der, der)))).isEqualTo(RefusalReason.MALFORMED);
        assertThat(verifier.verify(List.of(der))).isInstanceOf(Verification.Accepted.class);
        assertThat(verifier.verify(List.of(der, ca.certificate().getEncoded()))).isInstanceOf(Verification.Accepted.class);
    }

    @Test
    void everySingleBitFlipOfAGoodCertificateIsRefused() throws IOException {
        MemberCredentialVerifier verifier = verifier(noRevocations, NOW);
        byte[] der = alpha.getEncoded();
        for (int bit = 0; bit < der.length * 8; bit++) {
            byte[] flipped = der.clone();
            flipped[bit / 8] ^= (byte) (1 << (bit % 8));
            assertThat(verifier.verify(List.of(flipped))).as("bit %d", bit).isInstanceOf(Verification.Refused.class);
        }
    }

    @Test
    void aCrlOfAnotherCaOrANonCaTrustAnchorIsAConfigurationError() {
        ClusterCa other = ClusterCa.selfSigned("cohort-test", key(9), BigInteger.ONE, T0, T0.plus(YEAR));
        RevocationList foreign = other.emptyRevocationList(T0, YEAR);

        assertThatThrownBy(() -> verifier(foreign, NOW)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("CRL is not signed by the CA");
        assertThatThrownBy(() -> new MemberCredentialVerifier(alpha, noRevocations, InstantSource.fixed(NOW)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a CA certificate");
    }
}
