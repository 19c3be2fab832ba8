package io.cohort.server.config;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/** {@code [users]}: the users file, an absolute path; empty: no users file. */
public record UsersSection(Optional<Path> file) {
    public static final UsersSection DEFAULT = new UsersSection(Optional.empty());

    public UsersSection {
        Objects.requireNonNull(file);
        SettingRules rules = new SettingRules("users");
        file.ifPresent(f -> rules.check(f.isAbsolute(), "file", "'" + f + "' is not an absolute path"));
        rules.enforce();
    }

    /**
     * A relative file is resolved against {@code baseDir} (the configuration file's directory).
     * The file must exist and be readable when the configuration is read: that is a fact about
     * this machine, not a rule of the value, so it is checked here.
     */
    static UsersSection read(SectionValues s, Path baseDir) {
        String text = s.text("file");
        if (text.isEmpty()) {
            return DEFAULT;
        }
        Path path;
        try {
            path = baseDir.resolve(text);
        } catch (InvalidPathException e) {
            s.fail("file", "'" + text + "' is not a path");
            return DEFAULT;
        }
        if (!Files.isRegularFile(path)) {
            s.fail("file", path + " does not exist or is not a regular file");
        } else if (!Files.isReadable(path)) {
            s.fail("file", path + " is not readable");
        }
        return new UsersSection(Optional.of(path));
    }
}
