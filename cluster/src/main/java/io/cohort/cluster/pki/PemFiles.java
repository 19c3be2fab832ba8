package io.cohort.cluster.pki;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.cert.X509CRLHolder;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.crypto.params.AsymmetricKeyParameter;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.util.PrivateKeyFactory;
import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.util.io.pem.PemReader;
import org.bouncycastle.util.io.pem.PemWriter;

/**
 * PEM (RFC 7468) text and files of the cluster PKI: certificates ("CERTIFICATE"), CRLs
 * ("X509 CRL") and Ed25519 private keys as unencrypted PKCS#8 ("PRIVATE KEY", RFC 8410), the forms
 * {@code openssl x509 / crl / pkey} read.
 *
 * <p>Files are replaced atomically: written to a temporary file in the same directory, created
 * with the final permissions (private keys 0600, the rest 0644), then renamed over the target, so
 * a reader never sees half a file and a key is never readable by others, not even briefly.
 */
public final class PemFiles {
    static final String CERTIFICATE = "CERTIFICATE";
    static final String CRL = "X509 CRL";
    static final String PRIVATE_KEY = "PRIVATE KEY";

    public static final Set<PosixFilePermission> PRIVATE = PosixFilePermissions.fromString("rw-------");
    public static final Set<PosixFilePermission> PUBLIC = PosixFilePermissions.fromString("rw-r--r--");

    private PemFiles() {
    }

    public static String encode(X509CertificateHolder certificate) {
        return pem(CERTIFICATE, encoded(certificate::getEncoded));
    }

    public static String encode(RevocationList crl) {
        return pem(CRL, encoded(crl.holder()::getEncoded));
    }

    /**
     * PKCS#8 version 1 (RFC 8410 §7, without the optional public key): Bouncy Castle's
     * {@code PrivateKeyInfoFactory} writes version 2 with the public key, which OpenSSL 3 refuses.
     */
    public static String encode(Ed25519PrivateKeyParameters key) {
        PrivateKeyInfo info;
        try {
            info = new PrivateKeyInfo(ClusterCa.ED25519, new DEROctetString(key.getEncoded()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return pem(PRIVATE_KEY, encoded(info::getEncoded));
    }

    /** The certificates of a PEM text, in order (a chain, or one certificate). */
    public static List<X509CertificateHolder> decodeCertificates(String text) throws PemException {
        List<X509CertificateHolder> certs = new ArrayList<>();
        for (PemObject block : blocks(text)) {
            requireType(block, CERTIFICATE);
            try {
                certs.add(new X509CertificateHolder(block.getContent()));
            } catch (IOException | RuntimeException e) {
                throw new PemException("a CERTIFICATE block does not hold a DER X.509 certificate");
            }
        }
        if (certs.isEmpty()) {
            throw new PemException("no CERTIFICATE block");
        }
        return List.copyOf(certs);
    }

    public static X509CertificateHolder decodeCertificate(String text) throws PemException {
        List<X509CertificateHolder> certs = decodeCertificates(text);
        if (certs.size() != 1) {
            throw new PemException("expected one certificate, found " + certs.size());
        }
        return certs.getFirst();
    }

    public static RevocationList decodeRevocationList(String text) throws PemException {
        PemObject block = single(text, CRL);
        try {
            return new RevocationList(new X509CRLHolder(block.getContent()));
        } catch (IOException | RuntimeException e) {
            throw new PemException("the X509 CRL block does not hold a DER CRL with a nextUpdate");
        }
    }

    public static Ed25519PrivateKeyParameters decodePrivateKey(String text) throws PemException {
        PemObject block = single(text, PRIVATE_KEY);
        AsymmetricKeyParameter key;
        try {
            key = PrivateKeyFactory.createKey(block.getContent());
        } catch (IOException | RuntimeException e) {
            throw new PemException("the PRIVATE KEY block does not hold a PKCS#8 private key");
        }
        if (!(key instanceof Ed25519PrivateKeyParameters ed25519)) {
            throw new PemException("the private key is not Ed25519");
        }
        return ed25519;
    }

    public static X509CertificateHolder readCertificate(Path file) throws IOException {
        return decodeFile(file, PemFiles::decodeCertificate);
    }

    public static List<X509CertificateHolder> readCertificates(Path file) throws IOException {
        return decodeFile(file, PemFiles::decodeCertificates);
    }

    public static RevocationList readRevocationList(Path file) throws IOException {
        return decodeFile(file, PemFiles::decodeRevocationList);
    }

    public static Ed25519PrivateKeyParameters readPrivateKey(Path file) throws IOException {
        return decodeFile(file, PemFiles::decodePrivateKey);
    }

    public static void writeCertificate(Path file, X509CertificateHolder certificate) throws IOException {
        replace(file, encode(certificate), PUBLIC);
    }

    public static void writeRevocationList(Path file, RevocationList crl) throws IOException {
        replace(file, encode(crl), PUBLIC);
    }

    /** Writes a private key readable by its owner only (0600). */
    public static void writePrivateKey(Path file, Ed25519PrivateKeyParameters key) throws IOException {
        replace(file, encode(key), PRIVATE);
    }

    /** Atomically replaces {@code file} with {@code text}, the new file having {@code permissions}. */
    static void replace(Path file, String text, Set<PosixFilePermission> permissions) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Path temp = dir.resolve("." + file.getFileName() + ".tmp");
        try {
            Files.createFile(temp, PosixFilePermissions.asFileAttribute(permissions));
        } catch (FileAlreadyExistsException e) {
            throw new IOException(temp + " exists: another write is in progress or was interrupted; remove it", e);
        }
        try {
            Files.setPosixFilePermissions(temp, permissions); // createFile's mode is filtered by the umask
            Files.writeString(temp, text, StandardCharsets.US_ASCII);
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    private interface Decoder<T> {
        T decode(String text) throws PemException;
    }

    private interface Encoded {
        byte[] get() throws IOException;
    }

    /** Reads and decodes {@code file}; a {@link PemException} names the file. */
    private static <T> T decodeFile(Path file, Decoder<T> decoder) throws IOException {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.US_ASCII);
        } catch (java.nio.charset.MalformedInputException e) {
            throw new PemException(file + ": not PEM (non-ASCII bytes)");
        }
        try {
            return decoder.decode(text);
        } catch (PemException e) {
            throw new PemException(file + ": " + e.getMessage());
        }
    }

    private static byte[] encoded(Encoded encoded) {
        try {
            return encoded.get();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String pem(String type, byte[] der) {
        StringWriter out = new StringWriter();
        try (PemWriter writer = new PemWriter(out)) {
            writer.writeObject(new PemObject(type, der));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    private static List<PemObject> blocks(String text) throws PemException {
        List<PemObject> blocks = new ArrayList<>();
        try (PemReader reader = new PemReader(new StringReader(text))) {
            for (PemObject block = reader.readPemObject(); block != null; block = reader.readPemObject()) {
                blocks.add(block);
            }
        } catch (IOException | RuntimeException e) {
            throw new PemException("not PEM: " + e.getMessage());
        }
        return blocks;
    }

    private static PemObject single(String text, String type) throws PemException {
        List<PemObject> blocks = blocks(text);
        if (blocks.size() != 1) {
            throw new PemException("expected one " + type + " block, found " + blocks.size() + " PEM blocks");
        }
        requireType(blocks.getFirst(), type);
        return blocks.getFirst();
    }

    private static void requireType(PemObject block, String type) throws PemException {
        if (!block.getType().equals(type)) {
            throw new PemException("expected a " + type + " block, found " + block.getType());
        }
    }
}
