package io.cohort.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.cohort.cluster.pki.CaDirectory;
import io.cohort.cluster.pki.MemberCredentialVerifier;
import io.cohort.cluster.pki.PemFiles;
import io.cohort.cluster.pki.RefusalReason;
import io.cohort.cluster.pki.Verification;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.InstantSource;
import java.util.Optional;
import org.bouncycastle.cert.X509CertificateHolder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class PkiCommandTest {
    @TempDir
    Path tmp;

    record Outcome(int exitCode, String out, String err) {
    }

    private Outcome cohort(String... args) {
        CommandLine cl = CohortCommand.commandLine(new CliEnvironment(Optional::empty, action -> { }, false));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        return new Outcome(cl.execute(args), out.toString(), err.toString());
    }

    private Path ca() {
        return tmp.resolve("ca");
    }

    private Outcome initCa() {
        return cohort("pki", "init-ca", "--dir", ca().toString(), "--name", "prod");
    }

    @Test
    void initCaWritesTheCaWithSafePermissions() throws IOException {
        Outcome o = initCa();

        assertThat(o.exitCode()).as(o.err()).isZero();
        assertThat(o.out()).startsWith("created CA prod in " + ca() + ", valid until ");
        assertThat(Files.getPosixFilePermissions(ca())).isEqualTo(PosixFilePermissions.fromString("rwx------"));
        assertThat(Files.getPosixFilePermissions(ca().resolve("ca.key"))).isEqualTo(PemFiles.PRIVATE);
        assertThat(PemFiles.readCertificate(ca().resolve("ca.crt")).getSubject().toString()).isEqualTo("CN=prod");
        assertThat(PemFiles.readRevocationList(ca().resolve("crl.pem")).revokedSerials()).isEmpty();
    }

    @Test
    void initCaRefusesToOverwriteAnExistingCa() throws IOException {
        initCa();
        byte[] before = Files.readAllBytes(ca().resolve("ca.key"));

        Outcome again = initCa();

        assertThat(again.exitCode()).isEqualTo(ExitCodes.FAILURE);
        assertThat(again.err()).isEqualTo("cohort: pki: " + ca() + " already holds a CA (ca.crt or ca.key); refusing to overwrite it\n");
        assertThat(Files.readAllBytes(ca().resolve("ca.key"))).isEqualTo(before);
    }

    @Test
    void issueThenRevokeByNameAndTheVerifierAgrees() throws IOException {
        initCa();

        Outcome issued = cohort("pki", "issue", "--dir", ca().toString(), "--member", "alpha", "--address", "10.1.0.1", "--days", "30");
        assertThat(issued.exitCode()).as(issued.err()).isZero();
        assertThat(issued.out()).startsWith("issued alpha (10.1.0.1), serial ");
        Path key = ca().resolve("members/alpha.key");
        assertThat(Files.getPosixFilePermissions(key)).isEqualTo(PemFiles.PRIVATE);
        X509CertificateHolder cert = PemFiles.readCertificate(ca().resolve("members/alpha.crt"));
        assertThat(verify(cert)).isInstanceOf(Verification.Accepted.class);

        Outcome revoked = cohort("pki", "revoke", "--dir", ca().toString(), "--member", "alpha");

        assertThat(revoked.exitCode()).as(revoked.err()).isZero();
        assertThat(revoked.out()).startsWith("revoked serial " + cert.getSerialNumber().toString(16) + " (alpha); CRL #2");
        assertThat(((Verification.Refused) verify(cert)).reason()).isEqualTo(RefusalReason.REVOKED);
    }

    @Test
    void revokeBySerialAndShowListsEveryMembersStatus() throws IOException {
        initCa();
        cohort("pki", "issue", "--dir", ca().toString(), "--member", "alpha", "--address", "10.1.0.1");
        cohort("pki", "issue", "--dir", ca().toString(), "--member", "beta", "--address", "fd00::2");
        String betaSerial = PemFiles.readCertificate(ca().resolve("members/beta.crt")).getSerialNumber().toString(16);

        assertThat(cohort("pki", "revoke", "--dir", ca().toString(), "--serial", betaSerial).exitCode()).isZero();
        Outcome show = cohort("pki", "show", "--dir", ca().toString());

        assertThat(show.exitCode()).as(show.err()).isZero();
        assertThat(show.out()).startsWith("CA prod, Ed25519, serial ").contains("CRL #2, 1 revoked, next update ");
        assertThat(show.out().lines().filter(l -> l.startsWith("alpha "))).singleElement().asString()
                .contains("10.1.0.1").endsWith("valid");
        assertThat(show.out().lines().filter(l -> l.startsWith("beta "))).singleElement().asString()
                .contains(betaSerial).endsWith("revoked");
    }

    @Test
    void aSecondCertificateForALiveMemberIsRefused() {
        initCa();
        cohort("pki", "issue", "--dir", ca().toString(), "--member", "alpha", "--address", "10.1.0.1");

        Outcome o = cohort("pki", "issue", "--dir", ca().toString(), "--member", "alpha", "--address", "10.1.0.9");

        assertThat(o.exitCode()).isEqualTo(ExitCodes.FAILURE);
        assertThat(o.err()).startsWith("cohort: pki: member alpha already has a certificate").endsWith("revoke it first\n");
    }

    @Test
    void clearErrorsForAMissingCaBadNamesAndUnknownMembers() {
        Outcome noCa = cohort("pki", "show", "--dir", ca().toString());
        assertThat(noCa.exitCode()).isEqualTo(ExitCodes.FAILURE);
        assertThat(noCa.err()).isEqualTo("cohort: pki: " + ca() + " holds no CA (" + ca().resolve("ca.crt")
                + " is missing); create one with init-ca\n");

        initCa();
        Outcome badName = cohort("pki", "issue", "--dir", ca().toString(), "--member", "../x", "--address", "10.1.0.1");
        assertThat(badName.exitCode()).isEqualTo(ExitCodes.FAILURE);
        assertThat(badName.err()).startsWith("cohort: pki: '../x' is not a valid name");
        assertThat(ca().getParent().resolve("x.key")).doesNotExist();

        Outcome unknown = cohort("pki", "revoke", "--dir", ca().toString(), "--member", "ghost");
        assertThat(unknown.exitCode()).isEqualTo(ExitCodes.FAILURE);
        assertThat(unknown.err()).startsWith("cohort: pki: no member ghost");
    }

    @Test
    void badArgumentsAreUsageErrors() {
        initCa();

        Outcome host = cohort("pki", "issue", "--dir", ca().toString(), "--member", "alpha", "--address", "example.com");
        assertThat(host.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(host.err()).contains("--address: 'example.com' is not an IPv4 or IPv6 address");
        Outcome days = cohort("pki", "issue", "--dir", ca().toString(), "--member", "alpha", "--address", "10.1.0.1", "--days", "0");
        assertThat(days.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(days.err()).contains("--days must be at least 1, not 0");
        Outcome both = cohort("pki", "revoke", "--dir", ca().toString(), "--member", "a", "--serial", "1");
        assertThat(both.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(both.err()).contains("mutually exclusive");
        assertThat(cohort("pki", "revoke", "--dir", ca().toString(), "--serial", "xyz").err()).contains("not a positive hexadecimal number");
        assertThat(cohort("pki", "revoke", "--dir", ca().toString()).exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(cohort("pki", "issue", "--member", "a", "--address", "10.0.0.1").exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(cohort("pki").exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(cohort("pki").err()).contains("init-ca", "issue", "revoke", "show");
    }

    private Verification verify(X509CertificateHolder cert) throws IOException {
        CaDirectory dir = CaDirectory.open(ca());
        return new MemberCredentialVerifier(dir.ca().certificate(), dir.crl(), InstantSource.system()).verify(cert);
    }
}
