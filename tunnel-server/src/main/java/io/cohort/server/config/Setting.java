package io.cohort.server.config;

import java.util.Objects;

/** One key of the configuration, {@code section.key} (e.g. {@code l2tp.port}). */
public record Setting(String section, String key) {
    public Setting {
        Objects.requireNonNull(section);
        Objects.requireNonNull(key);
    }

    @Override
    public String toString() {
        return section + "." + key;
    }
}
