package io.cohort.cluster.pki;

import static io.cohort.cluster.pki.TestPki.T0;
import static io.cohort.cluster.pki.TestPki.YEAR;
import static io.cohort.cluster.pki.TestPki.ip;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.InstantSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CaDirectoryTest {
    @TempDir
    Path tmp;

    @Test
    void initIssueRevokeAndReopen() throws IOException {
        Path dir = tmp.resolve("ca");
        CaDirectory created = CaDirectory.init(dir, "prod", T0, YEAR, TestPki.seeded(1));
        MemberCredential alpha = created.issue("alpha", ip("10.0.0.1"), T0, YEAR, TestPki.seeded(2));

        assertThat(Files.getPosixFilePermissions(dir)).isEqualTo(PosixFilePermissions.fromString("rwx------"));
        assertThat(Files.getPosixFilePermissions(dir.resolve("ca.key"))).isEqualTo(PemFiles.PRIVATE);
        assertThat(Files.getPosixFilePermissions(dir.resolve("members/alpha.key"))).isEqualTo(PemFiles.PRIVATE);
        assertThat(PemFiles.readCertificate(dir.resolve("members/alpha.crt"))).isEqualTo(alpha.certificate());

        CaDirectory reopened = CaDirectory.open(dir);
        BigInteger serial = reopened.revokeMember("alpha", T0.plusSeconds(60));

        assertThat(serial).isEqualTo(alpha.certificate().getSerialNumber());
        MemberCredentialVerifier verifier = new MemberCredentialVerifier(reopened.ca().certificate(),
                CaDirectory.open(dir).crl(), InstantSource.fixed(T0.plusSeconds(120)));
        assertThat(((Verification.Refused) verifier.verify(alpha.certificate())).reason()).isEqualTo(RefusalReason.REVOKED);
        assertThat(reopened.memberCertificates()).containsExactly(alpha.certificate());
    }

    @Test
    void refusesToOverwriteACaOrIssueASecondValidCertificate() throws IOException {
        CaDirectory ca = CaDirectory.init(tmp, "prod", T0, YEAR, TestPki.seeded(1));
        ca.issue("alpha", ip("10.0.0.1"), T0, YEAR, TestPki.seeded(2));

        assertThatThrownBy(() -> CaDirectory.init(tmp, "prod", T0, YEAR, TestPki.seeded(1)))
                .hasMessage(tmp + " already holds a CA (ca.crt or ca.key); refusing to overwrite it");
        assertThatThrownBy(() -> ca.issue("alpha", ip("10.0.0.9"), T0, YEAR, TestPki.seeded(3)))
                .hasMessageContaining("already has a certificate").hasMessageContaining("revoke it first");

        ca.revokeMember("alpha", T0);
        assertThat(ca.issue("alpha", ip("10.0.0.9"), T0, YEAR, TestPki.seeded(3)).certificate().getSerialNumber())
                .isNotEqualTo(BigInteger.ZERO);
    }

    @Test
    void openingAnEmptyDirectorySaysWhatIsMissing() {
        assertThatThrownBy(() -> CaDirectory.open(tmp)).hasMessageContaining("holds no CA").hasMessageContaining("ca.crt");
        assertThatThrownBy(() -> CaDirectory.open(tmp).revokeMember("x", T0)).isInstanceOf(IOException.class);
    }
}
