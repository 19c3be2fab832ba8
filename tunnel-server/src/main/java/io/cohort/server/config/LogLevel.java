package io.cohort.server.config;

import java.util.Optional;
import java.util.logging.Level;

/** The {@code [log] level} values and the java.util.logging level each stands for. */
public enum LogLevel {
    ERROR("error", Level.SEVERE),
    WARNING("warning", Level.WARNING),
    INFO("info", Level.INFO),
    DEBUG("debug", Level.FINE),
    TRACE("trace", Level.FINEST);

    private final String configName;
    private final Level julLevel;

    LogLevel(String configName, Level julLevel) {
        this.configName = configName;
        this.julLevel = julLevel;
    }

    public String configName() {
        return configName;
    }

    public Level julLevel() {
        return julLevel;
    }

    public static Optional<LogLevel> byConfigName(String name) {
        for (LogLevel l : values()) {
            if (l.configName.equals(name)) {
                return Optional.of(l);
            }
        }
        return Optional.empty();
    }
}
