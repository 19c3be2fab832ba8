package io.cohort.cluster.pki;

import static io.cohort.cluster.pki.TestPki.T0;
import static io.cohort.cluster.pki.TestPki.YEAR;
import static io.cohort.cluster.pki.TestPki.ip;
import static io.cohort.cluster.pki.TestPki.key;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.bouncycastle.cert.X509CertificateHolder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * PEM text and files. The golden files in {@code src/test/resources/pki} were produced by this code
 * from the fixed keys of {@link TestPki} (Ed25519 signatures are deterministic) and checked with
 * {@code openssl x509 -text}, {@code openssl crl -text}, {@code openssl pkey -text} and
 * {@code openssl verify -CAfile golden-ca.crt -CRLfile golden-crl.pem -crl_check golden-alpha.crt}
 * (which says "certificate revoked").
 */
class PemFilesTest {
    @TempDir
    Path dir;

    private final ClusterCa ca = TestPki.ca();
    private final X509CertificateHolder alpha = ca.certify("alpha", ip("10.0.0.1"), key(2).generatePublicKey(),
            BigInteger.valueOf(100), T0, T0.plus(YEAR));
    private final RevocationList crl = ca.revoke(ca.emptyRevocationList(T0, YEAR), BigInteger.valueOf(100),
            T0.plus(Duration.ofDays(1)), YEAR);

    static String golden(String name) throws IOException {
        try (InputStream in = PemFilesTest.class.getResourceAsStream("/pki/" + name)) {
            assertThat(in).as("golden file pki/%s", name).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        }
    }

    @Test
    void certificatesKeysAndCrlsMatchTheGoldenFiles() throws IOException {
        assertThat(PemFiles.encode(ca.certificate())).isEqualTo(golden("golden-ca.crt"));
        assertThat(PemFiles.encode(alpha)).isEqualTo(golden("golden-alpha.crt"));
        assertThat(PemFiles.encode(key(2))).isEqualTo(golden("golden-alpha.key"));
        assertThat(PemFiles.encode(crl)).isEqualTo(golden("golden-crl.pem"));
    }

    @Test
    void goldenFilesDecodeToTheSameObjects() throws IOException {
        assertThat(PemFiles.decodeCertificate(golden("golden-ca.crt"))).isEqualTo(ca.certificate());
        assertThat(PemFiles.decodeCertificate(golden("golden-alpha.crt"))).isEqualTo(alpha);
        assertThat(PemFiles.decodePrivateKey(golden("golden-alpha.key")).getEncoded()).isEqualTo(key(2).getEncoded());
        RevocationList decoded = PemFiles.decodeRevocationList(golden("golden-crl.pem"));
        assertThat(decoded.holder()).isEqualTo(crl.holder());
        assertThat(decoded.revokedSerials()).containsExactly(BigInteger.valueOf(100));
        assertThat(decoded.crlNumber()).isEqualTo(2);
    }

    @Test
    void filesRoundTripWithSafePermissions() throws IOException {
        Path key = dir.resolve("alpha.key");
        Path cert = dir.resolve("alpha.crt");
        Path crlFile = dir.resolve("crl.pem");

        PemFiles.writePrivateKey(key, key(2));
        PemFiles.writeCertificate(cert, alpha);
        PemFiles.writeRevocationList(crlFile, crl);
        PemFiles.writePrivateKey(key, key(2)); // replacing keeps the mode

        assertThat(Files.getPosixFilePermissions(key)).isEqualTo(PemFiles.PRIVATE);
        assertThat(Files.getPosixFilePermissions(cert)).isEqualTo(PemFiles.PUBLIC);
        assertThat(PemFiles.readPrivateKey(key).getEncoded()).isEqualTo(key(2).getEncoded());
        assertThat(PemFiles.readCertificate(cert)).isEqualTo(alpha);
        assertThat(PemFiles.readRevocationList(crlFile).holder()).isEqualTo(crl.holder());
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("alpha.key", "alpha.crt", "crl.pem");
        }
    }

    @Test
    void aChainFileHoldsSeveralCertificatesInOrder() throws IOException {
        String chain = PemFiles.encode(alpha) + PemFiles.encode(ca.certificate());

        assertThat(PemFiles.decodeCertificates(chain)).containsExactly(alpha, ca.certificate());
        assertThatThrownBy(() -> PemFiles.decodeCertificate(chain)).isInstanceOf(PemException.class)
                .hasMessage("expected one certificate, found 2");
    }

    @Test
    void wrongContentIsAPemExceptionNamingTheFile() throws IOException {
        Path file = dir.resolve("ca.key");
        Files.writeString(file, PemFiles.encode(alpha));

        assertThatThrownBy(() -> PemFiles.readPrivateKey(file)).isInstanceOf(PemException.class)
                .hasMessage(file + ": expected a PRIVATE KEY block, found CERTIFICATE");
        assertThatThrownBy(() -> PemFiles.decodeCertificate("hello")).isInstanceOf(PemException.class)
                .hasMessage("no CERTIFICATE block");
        assertThatThrownBy(() -> PemFiles.decodeCertificate("-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n"))
                .isInstanceOf(PemException.class).hasMessage("a CERTIFICATE block does not hold a DER X.509 certificate");
        assertThatThrownBy(() -> PemFiles.decodeRevocationList(PemFiles.encode(key(2)))).isInstanceOf(PemException.class)
                .hasMessage("expected a X509 CRL block, found PRIVATE KEY");
    }
}
