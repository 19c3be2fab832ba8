package io.cohort.server.config;

import java.util.Objects;

/**
 * One problem found in the configuration: where it is ({@code source} is the file, or
 * {@code "embedded default"}), which {@code section.key} it concerns (key is empty for a whole
 * section) and what is wrong. Problems never quote the value of a secret.
 */
public record ConfigError(String source, String section, String key, String problem) {
    public ConfigError {
        Objects.requireNonNull(source);
        Objects.requireNonNull(section);
        Objects.requireNonNull(key);
        Objects.requireNonNull(problem);
    }

    /** {@code section.key}, {@code [section]} for a whole section, {@code (file)} for the whole file. */
    public String location() {
        if (section.isEmpty()) {
            return "(file)";
        }
        return key.isEmpty() ? "[" + section + "]" : section + "." + key;
    }

    /** {@code source: section.key: problem}. */
    @Override
    public String toString() {
        return source + ": " + location() + ": " + problem;
    }
}
