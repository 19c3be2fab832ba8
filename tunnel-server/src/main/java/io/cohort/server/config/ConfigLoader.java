package io.cohort.server.config;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Loads the configuration: the embedded default from the {@code etc} module, with an optional
 * operator file merged over it key by key, then validated as a whole.
 *
 * <p>The embedded default is also the schema: a section or key it does not have is unknown. All
 * problems (unreadable file, unknown keys, malformed or out-of-range values, inconsistent
 * values) are collected and thrown together in one {@link ConfigException}.
 */
public final class ConfigLoader {
    /** Where the {@code etc} module puts the default on the class path. */
    public static final String DEFAULT_RESOURCE = "/io/cohort/etc/cohort.ini";
    /** How errors in the embedded default name their source. */
    public static final String EMBEDDED_SOURCE = "embedded default";

    private ConfigLoader() {
    }

    /** The embedded default alone, validated; it must always be valid. */
    public static CohortConfig embeddedDefault() {
        try {
            return load(Optional.empty());
        } catch (ConfigException e) {
            throw new IllegalStateException("the embedded default configuration is invalid: " + e.getMessage(), e);
        }
    }

    /** The embedded default, with {@code file} merged over it if present. */
    public static CohortConfig load(Optional<Path> file) throws ConfigException {
        if (file.isEmpty()) {
            return fromText(Optional.empty(), "", Path.of(""));
        }
        Path path = file.get();
        String text = readText(path);
        Path dir = path.toAbsolutePath().getParent();
        return fromText(Optional.of(text), path.toString(), dir == null ? Path.of("/") : dir);
    }

    /** The text of a configuration file; a missing or unreadable file is a configuration error. */
    static String readText(Path path) throws ConfigException {
        try {
            return Files.readString(path, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new ConfigException(List.of(new ConfigError(path.toString(), "", "", "no such file")));
        } catch (IOException e) {
            throw new ConfigException(List.of(new ConfigError(path.toString(), "", "", "cannot read: " + e)));
        }
    }

    /**
     * The embedded default with {@code overrideText} (if present, named {@code source} in errors)
     * merged over it. Relative paths in the override are resolved against {@code baseDir}.
     */
    static CohortConfig fromText(Optional<String> overrideText, String source, Path baseDir) throws ConfigException {
        List<ConfigError> errors = new ArrayList<>();
        IniDocument defaults = IniDocument.read(embeddedDefaultText(), EMBEDDED_SOURCE, errors);
        IniDocument merged = defaults;
        if (overrideText.isPresent()) {
            merged = IniDocument.read(overrideText.get(), source, errors).mergedOver(defaults, errors);
        }
        Optional<CohortConfig> config = new ConfigReader(merged, errors, baseDir).read();
        if (!errors.isEmpty()) {
            throw new ConfigException(errors);
        }
        return config.orElseThrow(() -> new IllegalStateException("the configuration was rejected without an error"));
    }

    /** The text of the embedded default ({@code cohort.ini}). */
    public static String embeddedDefaultText() {
        try (InputStream in = ConfigLoader.class.getResourceAsStream(DEFAULT_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(DEFAULT_RESOURCE + " is not on the class path (is the etc module missing?)");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + DEFAULT_RESOURCE, e);
        }
    }
}
