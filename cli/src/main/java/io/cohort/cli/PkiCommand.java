package io.cohort.cli;

import io.cohort.cluster.pki.CaDirectory;
import io.cohort.cluster.pki.MemberCredential;
import io.cohort.cluster.pki.MemberCredentialVerifier;
import io.cohort.cluster.pki.RevocationList;
import io.cohort.cluster.pki.Verification;
import java.io.IOException;
import java.io.PrintWriter;
import java.math.BigInteger;
import java.net.InetAddress;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.concurrent.Callable;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x500.style.IETFUtils;
import org.bouncycastle.cert.X509CertificateHolder;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code cohort pki}: the cluster CA's files ({@link CaDirectory}): create the CA, issue a member
 * its key and certificate, revoke one, show what there is. Failures print one line
 * {@code cohort: pki: ...} and exit 1; bad arguments are usage errors (2).
 */
@Command(name = "pki", mixinStandardHelpOptions = true,
        description = "Manage the cluster CA: member certificates and the revocation list.",
        subcommands = {PkiCommand.InitCa.class, PkiCommand.Issue.class, PkiCommand.Revoke.class, PkiCommand.Show.class})
public final class PkiCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    /** {@code cohort pki} alone: usage, and the usage-error exit code. */
    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return ExitCodes.USAGE;
    }

    /** What every subcommand shares: the directory and the failure handling. */
    abstract static class PkiSubcommand implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--dir", paramLabel = "DIR", required = true, description = "The CA directory.")
        Path dir;

        final InstantSource clock = InstantSource.system();

        abstract void run(PrintWriter out) throws IOException;

        @Override
        public final Integer call() {
            try {
                run(spec.commandLine().getOut());
                spec.commandLine().getOut().flush();
                return ExitCodes.OK;
            } catch (IOException | IllegalArgumentException e) {
                spec.commandLine().getErr().println("cohort: pki: " + e.getMessage());
                return ExitCodes.FAILURE;
            }
        }

        int positiveDays(int days, String option) {
            if (days < 1) {
                throw new ParameterException(spec.commandLine(), option + " must be at least 1, not " + days);
            }
            return days;
        }
    }

    @Command(name = "init-ca", mixinStandardHelpOptions = true,
            description = "Create a cluster CA in DIR (created 0700 if absent): ca.crt, ca.key (0600), an empty crl.pem.")
    static final class InitCa extends PkiSubcommand {
        @Option(names = "--name", paramLabel = "NAME", required = true, description = "The CA's name (its certificate's CN).")
        String name;

        @Option(names = "--days", paramLabel = "N", defaultValue = "3650", description = "Validity in days (default: ${DEFAULT-VALUE}).")
        int days;

        @Override
        void run(PrintWriter out) throws IOException {
            CaDirectory ca = CaDirectory.init(dir, name, clock.instant(), Duration.ofDays(positiveDays(days, "--days")),
                    new SecureRandom());
            out.println("created CA " + name + " in " + dir + ", valid until " + ca.ca().certificate().getNotAfter().toInstant());
            out.println("keep " + dir.resolve("ca.key") + " off the members; give them ca.crt and crl.pem");
        }
    }

    @Command(name = "issue", mixinStandardHelpOptions = true,
            description = "Issue a member a new key (members/NAME.key, 0600) and certificate (members/NAME.crt).")
    static final class Issue extends PkiSubcommand {
        @Option(names = "--member", paramLabel = "NAME", required = true, description = "The member's name.")
        String member;

        @Option(names = "--address", paramLabel = "IP", required = true, description = "The member's cluster address (IPv4 or IPv6 literal).")
        String address;

        @Option(names = "--days", paramLabel = "N", defaultValue = "365", description = "Validity in days (default: ${DEFAULT-VALUE}).")
        int days;

        @Override
        void run(PrintWriter out) throws IOException {
            InetAddress ip = literal(address);
            int validDays = positiveDays(days, "--days");
            CaDirectory ca = CaDirectory.open(dir);
            MemberCredential credential = ca.issue(member, ip, clock.instant(), Duration.ofDays(validDays), new SecureRandom());
            out.println("issued " + member + " (" + ip.getHostAddress() + "), serial "
                    + credential.certificate().getSerialNumber().toString(16) + ", valid until "
                    + credential.certificate().getNotAfter().toInstant());
            out.println("certificate " + ca.certificateFile(member) + ", key " + ca.keyFile(member) + " (copy it to that member only)");
        }

        private InetAddress literal(String text) {
            try {
                return InetAddress.ofLiteral(text); // never a DNS lookup
            } catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), "--address: '" + text + "' is not an IPv4 or IPv6 address");
            }
        }
    }

    @Command(name = "revoke", mixinStandardHelpOptions = true,
            description = "Revoke a member's certificate, or any serial number, in crl.pem.")
    static final class Revoke extends PkiSubcommand {
        @ArgGroup(exclusive = true, multiplicity = "1")
        Which which;

        static final class Which {
            @Option(names = "--member", paramLabel = "NAME", description = "Revoke this member's current certificate.")
            String member;

            @Option(names = "--serial", paramLabel = "HEX", description = "Revoke this serial number (hexadecimal, as show prints it).")
            String serial;
        }

        @Override
        void run(PrintWriter out) throws IOException {
            BigInteger serial = which.serial == null ? null : serial(which.serial);
            CaDirectory ca = CaDirectory.open(dir);
            Instant now = clock.instant();
            if (serial == null) {
                serial = ca.revokeMember(which.member, now);
            } else {
                ca.revokeSerial(serial, now);
            }
            out.println("revoked serial " + serial.toString(16) + (which.member == null ? "" : " (" + which.member + ")")
                    + "; CRL #" + ca.crl().crlNumber() + " written to " + dir.resolve("crl.pem") + ": give it to every member");
        }

        private BigInteger serial(String text) {
            try {
                BigInteger serial = new BigInteger(text.startsWith("0x") ? text.substring(2) : text, 16);
                if (serial.signum() > 0) {
                    return serial;
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            throw new ParameterException(spec.commandLine(), "--serial: '" + text + "' is not a positive hexadecimal number");
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true,
            description = "Show the CA, the CRL and every issued member with its status now.")
    static final class Show extends PkiSubcommand {
        @Override
        void run(PrintWriter out) throws IOException {
            CaDirectory ca = CaDirectory.open(dir);
            X509CertificateHolder caCert = ca.ca().certificate();
            RevocationList crl = ca.crl();
            Instant now = clock.instant();
            out.println("CA " + name(caCert) + ", Ed25519, serial " + caCert.getSerialNumber().toString(16) + ", valid "
                    + caCert.getNotBefore().toInstant() + " to " + caCert.getNotAfter().toInstant());
            out.println("CRL #" + crl.crlNumber() + ", " + crl.revokedSerials().size() + " revoked, next update " + crl.nextUpdate()
                    + (crl.nextUpdate().isBefore(now.plus(Duration.ofDays(30)))
                    ? "  (WARNING: members refuse every join once it passes; revoke or re-issue to refresh)" : ""));
            MemberCredentialVerifier verifier = new MemberCredentialVerifier(caCert, crl, clock);
            out.printf("%-20s %-39s %-32s %-20s %s%n", "MEMBER", "ADDRESS", "SERIAL", "EXPIRES", "STATUS");
            for (X509CertificateHolder cert : ca.memberCertificates()) {
                String status;
                String address = "-";
                switch (verifier.verify(cert)) {
                    case Verification.Accepted(var member) -> {
                        status = "valid";
                        address = member.address().getHostAddress();
                    }
                    case Verification.Refused(var reason, var detail) -> status = reason.name().toLowerCase(java.util.Locale.ROOT);
                }
                out.printf("%-20s %-39s %-32s %-20s %s%n", name(cert), address, cert.getSerialNumber().toString(16),
                        cert.getNotAfter().toInstant(), status);
            }
        }
    }

    private static String name(X509CertificateHolder cert) {
        var cns = cert.getSubject().getRDNs(BCStyle.CN);
        return cns.length == 0 ? cert.getSubject().toString() : IETFUtils.valueToString(cns[0].getFirst().getValue());
    }
}
