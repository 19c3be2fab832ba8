package io.cohort.cluster.pki;

import java.io.IOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.bouncycastle.cert.X509CertificateHolder;

/**
 * The files of a cluster CA, as {@code cohort pki} keeps them:
 *
 * <pre>
 * DIR/ca.crt              the CA certificate (0644): every member's trust anchor
 * DIR/ca.key              the CA private key (0600): keep it off the members
 * DIR/crl.pem             the current CRL (0644): every member needs the current one
 * DIR/members/NAME.crt    each member's certificate (0644)
 * DIR/members/NAME.key    each member's private key (0600): copy it to that member only
 * </pre>
 *
 * Directories are created 0700. Every file is replaced atomically ({@link PemFiles}).
 */
public final class CaDirectory {
    /** How long a CRL stays valid: members refuse everyone once it lapses, so refresh it before. */
    public static final Duration CRL_VALIDITY = Duration.ofDays(365);

    private final Path dir;
    private final ClusterCa ca;
    private RevocationList crl;

    private CaDirectory(Path dir, ClusterCa ca, RevocationList crl) {
        this.dir = dir;
        this.ca = ca;
        this.crl = crl;
    }

    /** Creates a new CA in {@code dir} (created if absent); refuses a directory that already holds one. */
    public static CaDirectory init(Path dir, String name, Instant now, Duration validity, SecureRandom random) throws IOException {
        ClusterCa.requireName(name);
        if (Files.exists(dir.resolve("ca.key")) || Files.exists(dir.resolve("ca.crt"))) {
            throw new IOException(dir + " already holds a CA (ca.crt or ca.key); refusing to overwrite it");
        }
        createPrivateDirectory(dir);
        createPrivateDirectory(dir.resolve("members"));
        ClusterCa ca = ClusterCa.generate(name, now, validity, random);
        RevocationList crl = ca.emptyRevocationList(now, CRL_VALIDITY);
        PemFiles.writePrivateKey(dir.resolve("ca.key"), ca.privateKey());
        PemFiles.writeCertificate(dir.resolve("ca.crt"), ca.certificate());
        PemFiles.writeRevocationList(dir.resolve("crl.pem"), crl);
        return new CaDirectory(dir, ca, crl);
    }

    /** Opens the CA in {@code dir}. */
    public static CaDirectory open(Path dir) throws IOException {
        try {
            ClusterCa ca = ClusterCa.of(PemFiles.readCertificate(dir.resolve("ca.crt")), PemFiles.readPrivateKey(dir.resolve("ca.key")));
            return new CaDirectory(dir, ca, PemFiles.readRevocationList(dir.resolve("crl.pem")));
        } catch (NoSuchFileException e) {
            throw new IOException(dir + " holds no CA (" + e.getFile() + " is missing); create one with init-ca", e);
        } catch (IllegalArgumentException e) {
            throw new IOException(dir + ": " + e.getMessage(), e);
        }
    }

    public ClusterCa ca() {
        return ca;
    }

    public RevocationList crl() {
        return crl;
    }

    public Path certificateFile(String member) {
        return dir.resolve("members").resolve(ClusterCa.requireName(member) + ".crt");
    }

    public Path keyFile(String member) {
        return dir.resolve("members").resolve(ClusterCa.requireName(member) + ".key");
    }

    /**
     * Issues {@code member} a new key and certificate and writes both. A member whose current
     * certificate is not revoked is refused (revoke it first, so that two valid certificates never
     * carry one name).
     */
    public MemberCredential issue(String member, InetAddress address, Instant now, Duration validity, SecureRandom random)
            throws IOException {
        Path certFile = certificateFile(member);
        if (Files.exists(certFile)) {
            BigInteger serial = PemFiles.readCertificate(certFile).getSerialNumber();
            if (!crl.isRevoked(serial)) {
                throw new IOException("member " + member + " already has a certificate (serial " + serial.toString(16)
                        + ") that is not revoked; revoke it first");
            }
        }
        createPrivateDirectory(dir.resolve("members"));
        MemberCredential credential = ca.issue(member, address, now, validity, random);
        PemFiles.writePrivateKey(keyFile(member), credential.privateKey());
        PemFiles.writeCertificate(certFile, credential.certificate());
        return credential;
    }

    /** Revokes the current certificate of {@code member}; returns its serial. */
    public BigInteger revokeMember(String member, Instant now) throws IOException {
        Path certFile = certificateFile(member);
        if (!Files.exists(certFile)) {
            throw new IOException("no member " + member + " (" + certFile + " is missing)");
        }
        BigInteger serial = PemFiles.readCertificate(certFile).getSerialNumber();
        revokeSerial(serial, now);
        return serial;
    }

    /** Adds {@code serial} to the CRL (kept if already there) and writes the new CRL. */
    public void revokeSerial(BigInteger serial, Instant now) throws IOException {
        RevocationList next = ca.revoke(crl, serial, now, CRL_VALIDITY);
        PemFiles.writeRevocationList(dir.resolve("crl.pem"), next);
        crl = next;
    }

    /** The certificates under {@code members/}, by name. */
    public List<X509CertificateHolder> memberCertificates() throws IOException {
        Path members = dir.resolve("members");
        if (!Files.isDirectory(members)) {
            return List.of();
        }
        List<X509CertificateHolder> certs = new ArrayList<>();
        try (Stream<Path> files = Files.list(members)) {
            for (Path file : files.filter(f -> f.getFileName().toString().endsWith(".crt"))
                    .sorted(Comparator.comparing(Path::toString)).toList()) {
                certs.add(PemFiles.readCertificate(file));
            }
        }
        return certs;
    }

    private static void createPrivateDirectory(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        }
    }

    @Override
    public String toString() {
        return "CaDirectory[" + dir + ", " + ca + "]";
    }
}
