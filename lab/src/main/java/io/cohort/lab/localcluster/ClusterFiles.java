package io.cohort.lab.localcluster;

import io.cohort.cluster.pki.CaDirectory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;

/**
 * The files of one local cluster, under one fresh directory: the users file every member reads
 * (readable by its owner only), a throw-away cluster CA ({@code pki/}, with every member's
 * certificate) and each member's home.
 */
final class ClusterFiles {
    private static final Duration VALIDITY = Duration.ofDays(2);

    private final Path directory;
    private final CaDirectory ca;

    private ClusterFiles(Path directory, CaDirectory ca) {
        this.directory = directory;
        this.ca = ca;
    }

    /** A new directory under {@code parent} with the users file of {@code user} and a new CA. */
    static ClusterFiles create(Path parent, ClusterUser user) {
        try {
            Path directory = Files.createTempDirectory(Files.createDirectories(parent), "cohort-cluster-");
            Path users = directory.resolve("users");
            Files.createFile(users, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(users, user.usersFileLine());
            CaDirectory ca = CaDirectory.init(directory.resolve("pki"), "local-cluster-ca", Instant.now(), VALIDITY,
                    new SecureRandom());
            return new ClusterFiles(directory, ca);
        } catch (IOException e) {
            throw new LocalClusterException("cannot write the local cluster's files under " + parent + ": "
                    + e.getMessage(), e);
        }
    }

    Path directory() {
        return directory;
    }

    Path usersFile() {
        return directory.resolve("users");
    }

    /** The CA's directory, as {@code [cluster] pki-dir} names it. */
    Path pkiDir() {
        return directory.resolve("pki");
    }

    /** The home of member {@code name}. */
    Path home(String name) {
        return directory.resolve(name);
    }

    /** Issues the certificate of member {@code name} at {@code address}, unless it has one (started again, it is still good). */
    void certify(String name, String address) {
        try {
            if (!Files.exists(ca.certificateFile(name))) {
                ca.issue(name, InetAddress.getByName(address), Instant.now(), VALIDITY, new SecureRandom());
            }
        } catch (IOException e) {
            throw new LocalClusterException("cannot issue the certificate of member " + name + ": " + e.getMessage(), e);
        }
    }

    /** Deletes the directory and everything in it. */
    void delete() {
        try (var paths = Files.walk(directory)) {
            for (Path p : paths.sorted(Collections.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + directory, e);
        }
    }
}
