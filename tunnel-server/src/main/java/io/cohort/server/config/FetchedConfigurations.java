package io.cohort.server.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Logger;

/**
 * Configurations fetched from the cluster (figure 6, 641–642). A member whose configuration is
 * stale takes the master's text for everything but what is its own — {@code [cluster]} (its name,
 * address and credentials; only {@code config-version} comes from the master), {@code [control]}
 * and {@code [log]} — validates the result and keeps it in {@code [cluster] state-dir}/cluster.ini
 * (mode 0600: it may hold the L2TP secret). {@code cohort run} serves that file instead of its
 * own while its version is the newer one.
 */
public final class FetchedConfigurations {
    private static final Logger LOG = Logger.getLogger(FetchedConfigurations.class.getName());
    /** The sections a member keeps from its own configuration. */
    static final Set<String> LOCAL_SECTIONS = Set.of("cluster", "control", "log");

    private FetchedConfigurations() {
    }

    /**
     * The configuration this member should run on: {@code file} (or the embedded default), unless
     * it is a cluster member and its state directory holds a fetched configuration with a newer
     * version.
     */
    public static LoadedConfiguration load(Optional<Path> file) throws ConfigException {
        String text = file.isEmpty() ? "" : ConfigLoader.readText(file.get());
        CohortConfig own = ConfigLoader.load(file);
        LoadedConfiguration loaded = new LoadedConfiguration(own, text, file);
        if (!own.cluster().enabled()) {
            return loaded;
        }
        Path fetched = own.cluster().fetchedConfiguration();
        String fetchedText;
        try {
            fetchedText = Files.readString(fetched, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return loaded;
        } catch (IOException e) {
            LOG.warning("cannot read the configuration fetched from the cluster, " + fetched + ": " + e
                    + "; running on " + file.map(Path::toString).orElse("the embedded default"));
            return loaded;
        }
        CohortConfig newer = ConfigLoader.load(Optional.of(fetched));
        if (newer.cluster().configVersion() <= own.cluster().configVersion()) {
            return loaded;
        }
        LOG.info("running on configuration version " + newer.cluster().configVersion() + " fetched from the cluster ("
                + fetched + "), newer than version " + own.cluster().configVersion() + " of "
                + file.map(Path::toString).orElse("the embedded default"));
        return new LoadedConfiguration(newer, fetchedText, Optional.of(fetched));
    }

    /**
     * {@code fetchedText} (the master's configuration, version {@code version}) with this member's
     * own sections from {@code ownText}, validated; throws with the errors if the result is invalid.
     */
    public static String adopt(String fetchedText, long version, String ownText) throws ConfigException {
        List<ConfigError> errors = new ArrayList<>();
        IniDocument fetched = IniDocument.read(fetchedText, "configuration fetched from the cluster", errors);
        IniDocument own = IniDocument.read(ownText, "own configuration", errors);
        if (!errors.isEmpty()) {
            throw new ConfigException(errors);
        }
        String text;
        try {
            text = fetched.withSectionsOf(own, LOCAL_SECTIONS).with("cluster", "config-version", Long.toString(version))
                    .render();
        } catch (IllegalArgumentException e) {
            throw new ConfigException(List.of(new ConfigError("configuration fetched from the cluster", "", "",
                    e.getMessage())));
        }
        ConfigLoader.fromText(Optional.of(text), "configuration fetched from the cluster", Path.of("/"));
        return text;
    }

    /** Writes {@code text} to {@code file} atomically, owner-only, creating its directory. */
    public static void store(Path file, String text) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path temporary = Files.createTempFile(dir, ".cluster", ".ini",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        try {
            Files.writeString(temporary, text, StandardCharsets.UTF_8);
            Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }
}
