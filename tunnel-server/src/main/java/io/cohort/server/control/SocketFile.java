package io.cohort.server.control;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HexFormat;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Binds a Unix-domain server socket at a path safely, and removes it again.
 *
 * <p>An existing socket file at the path is probed: if a server answers, binding is refused
 * ({@link ControlSocketInUseException}); if nobody answers, it is a leftover of a server that died
 * and is replaced. Anything else at the path (a regular file, a directory) is never touched.
 * The socket is bound under a temporary name in the same directory, made owner-only (0600) and
 * then renamed into place, so it is never reachable at its path with looser permissions.
 * On {@link #delete()}, the file is removed only if it is still the one this instance bound.
 */
final class SocketFile {
    private static final long S_IFMT = 0170000;
    private static final long S_IFSOCK = 0140000;
    /** The longest path the JDK binds and connects to (sun_path is 108 bytes; the JDK takes 106). */
    static final int MAX_PATH_BYTES = 106;

    private final Path path;
    private final Object fileKey;

    private SocketFile(Path path, Object fileKey) {
        this.path = path;
        this.fileKey = fileKey;
    }

    /** Binds {@code path}, creating missing parent directories; returns the bound channel. */
    static Bound bind(Path path) throws IOException {
        Path parent = Objects.requireNonNull(path.toAbsolutePath().getParent(), "socket path needs a directory");
        if (path.toString().getBytes(StandardCharsets.UTF_8).length > MAX_PATH_BYTES) {
            throw new IOException(path + " is longer than " + MAX_PATH_BYTES + " bytes, the limit for a Unix socket path");
        }
        Files.createDirectories(parent);
        if (Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
            if (!isSocket(path)) {
                throw new IOException(path + " exists and is not a socket; refusing to replace it");
            }
            if (answers(path)) {
                throw new ControlSocketInUseException(path);
            }
            Files.deleteIfExists(path);
        }
        Path temporary = parent.resolve(".cohort-" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt()));
        if (temporary.toString().getBytes(StandardCharsets.UTF_8).length > MAX_PATH_BYTES) {
            // The temporary name would not fit in sun_path: bind in place (permissions are then
            // looser for the moment between bind and chmod; the directory's permissions guard it).
            temporary = path;
        }
        ServerSocketChannel channel = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        try {
            channel.bind(UnixDomainSocketAddress.of(temporary));
            Files.setPosixFilePermissions(temporary, PosixFilePermissions.fromString("rw-------"));
            if (!temporary.equals(path)) {
                Files.move(temporary, path, StandardCopyOption.ATOMIC_MOVE);
            }
            Object key = Files.readAttributes(path, BasicFileAttributes.class,
                    LinkOption.NOFOLLOW_LINKS).fileKey();
            return new Bound(channel, new SocketFile(path, key));
        } catch (IOException | RuntimeException e) {
            channel.close();
            Files.deleteIfExists(temporary);
            throw e;
        }
    }

    /** A bound server channel and the file it owns. */
    record Bound(ServerSocketChannel channel, SocketFile file) {
    }

    Path path() {
        return path;
    }

    /** Removes the socket file if it is still ours (another server may have replaced it). */
    void delete() throws IOException {
        try {
            Object current = Files.readAttributes(path, BasicFileAttributes.class,
                    LinkOption.NOFOLLOW_LINKS).fileKey();
            if (Objects.equals(current, fileKey)) {
                Files.deleteIfExists(path);
            }
        } catch (NoSuchFileException e) {
            // Already gone: nothing to remove.
        }
    }

    static boolean isSocket(Path path) throws IOException {
        Object mode = Files.getAttribute(path, "unix:mode", LinkOption.NOFOLLOW_LINKS);
        return ((Integer) mode & S_IFMT) == S_IFSOCK;
    }

    /** True if something accepts connections on the socket at {@code path}. */
    static boolean answers(Path path) {
        try (SocketChannel probe = SocketChannel.open(UnixDomainSocketAddress.of(path))) {
            return probe.isConnected();
        } catch (IOException e) {
            return false;
        }
    }
}
