package io.cohort.server.config;

import java.util.Objects;

/** {@code [log]}. */
public record LogSection(LogLevel level) {
    public LogSection {
        Objects.requireNonNull(level);
    }
}
