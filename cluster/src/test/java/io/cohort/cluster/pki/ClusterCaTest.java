package io.cohort.cluster.pki;

import static io.cohort.cluster.pki.TestPki.T0;
import static io.cohort.cluster.pki.TestPki.YEAR;
import static io.cohort.cluster.pki.TestPki.ip;
import static io.cohort.cluster.pki.TestPki.key;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.time.Duration;
import java.time.InstantSource;
import org.junit.jupiter.api.Test;

class ClusterCaTest {
    private final ClusterCa ca = TestPki.ca();

    @Test
    void generatedCredentialsAreAcceptedAndBackdated() {
        ClusterCa fresh = ClusterCa.generate("prod", T0, YEAR, TestPki.seeded(1));
        MemberCredential a = fresh.issue("a", ip("192.0.2.1"), T0, Duration.ofDays(30), TestPki.seeded(2));
        MemberCredential b = fresh.issue("b", ip("192.0.2.2"), T0, Duration.ofDays(30), TestPki.seeded(3));

        assertThat(a.certificate().getSerialNumber()).isNotEqualTo(b.certificate().getSerialNumber());
        assertThat(a.certificate().getSerialNumber().bitLength()).isEqualTo(127);
        assertThat(a.certificate().getNotBefore().toInstant()).isEqualTo(T0.minus(ClusterCa.BACKDATE));
        MemberCredentialVerifier verifier = new MemberCredentialVerifier(fresh.certificate(),
                fresh.emptyRevocationList(T0, YEAR), InstantSource.fixed(T0.minusSeconds(60)));
        assertThat(verifier.verify(a.certificate())).isInstanceOf(Verification.Accepted.class);
    }

    @Test
    void revocationsAccumulateWithIncreasingCrlNumbers() {
        RevocationList first = ca.emptyRevocationList(T0, YEAR);
        RevocationList second = ca.revoke(first, BigInteger.valueOf(7), T0.plusSeconds(10), YEAR);
        RevocationList third = ca.revoke(second, BigInteger.valueOf(5), T0.plusSeconds(20), YEAR);
        RevocationList again = ca.revoke(third, BigInteger.valueOf(7), T0.plusSeconds(30), YEAR);

        assertThat(first.crlNumber()).isEqualTo(1);
        assertThat(first.revokedSerials()).isEmpty();
        assertThat(third.crlNumber()).isEqualTo(3);
        assertThat(third.revokedSerials()).containsExactly(BigInteger.valueOf(5), BigInteger.valueOf(7));
        assertThat(again.revokedSerials()).containsExactly(BigInteger.valueOf(5), BigInteger.valueOf(7));
        assertThat(again.holder().getRevokedCertificate(BigInteger.valueOf(7)).getRevocationDate().toInstant())
                .isEqualTo(T0.plusSeconds(10));
        assertThat(ca.refresh(again, T0.plus(YEAR), YEAR).nextUpdate()).isEqualTo(T0.plus(YEAR).plus(YEAR));
    }

    @Test
    void namesAreCheckedAndKeysMustMatch() {
        assertThatThrownBy(() -> ca.certify("../etc", ip("10.0.0.1"), key(2).generatePublicKey(), BigInteger.ONE, T0, T0.plus(YEAR)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a valid name");
        assertThatThrownBy(() -> ClusterCa.of(ca.certificate(), key(2)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("does not match");
        assertThatThrownBy(() -> new MemberCredential(ca.certificate(), key(2)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("does not match");
    }

    @Test
    void toStringNeverShowsTheKey() {
        MemberCredential m = new MemberCredential(ca.certify("alpha", ip("10.0.0.1"), key(2).generatePublicKey(),
                BigInteger.TEN, T0, T0.plus(YEAR)), key(2));

        assertThat(ca.toString()).isEqualTo("ClusterCa[CN=cohort-test, private key redacted]");
        assertThat(m.toString()).isEqualTo("MemberCredential[CN=alpha, serial a, private key redacted]");
    }
}
