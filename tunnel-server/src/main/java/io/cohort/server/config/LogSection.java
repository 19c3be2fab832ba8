package io.cohort.server.config;

import java.util.Objects;

/** {@code [log]}. */
public record LogSection(LogLevel level) {
    public static final LogSection DEFAULT = new LogSection(LogLevel.INFO);

    public LogSection {
        Objects.requireNonNull(level);
    }

    static LogSection read(SectionValues s) {
        return new LogSection(s.named("level", LogLevel::byConfigName,
                "a log level (error, warning, info, debug, trace)", DEFAULT.level()));
    }
}
