package io.cohort.lab.localcluster;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Objects;

/**
 * Where one server started by the lab keeps its files: {@code cohort.ini}, its users file, its
 * control socket and its log (every start appended).
 *
 * @param path the directory
 * @param log the log file, in the directory ({@code cohort.log}) unless the caller keeps logs elsewhere
 */
public record ServerDirectory(Path path, Path log) {
    public ServerDirectory {
        Objects.requireNonNull(path);
        Objects.requireNonNull(log);
    }

    /** The directory {@code path} with the log in it. */
    public ServerDirectory(Path path) {
        this(path, path.resolve("cohort.log"));
    }

    public Path config() {
        return path.resolve("cohort.ini");
    }

    public Path usersFile() {
        return path.resolve("users");
    }

    /** The socket of {@code [control] socket}: what {@code cohort status --socket} talks to. */
    public Path controlSocket() {
        return path.resolve("control.sock");
    }

    /**
     * Writes the users file (readable by its owner only: it holds passwords) and {@code cohort.ini}:
     * {@code sections} followed by {@code [users] file} and {@code [control] socket} of this directory.
     */
    public ServerDirectory write(String sections, String usersFileText) throws IOException {
        Files.createDirectories(path);
        Files.createDirectories(log.toAbsolutePath().getParent());
        Files.deleteIfExists(usersFile());
        Files.createFile(usersFile(), PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(usersFile(), usersFileText);
        Files.writeString(config(), sections + """

                [users]
                file = %s

                [control]
                socket = %s
                """.formatted(usersFile(), controlSocket()));
        return this;
    }
}
