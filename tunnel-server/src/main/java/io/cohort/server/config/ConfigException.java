package io.cohort.server.config;

import java.util.List;
import java.util.stream.Collectors;

/** The configuration is invalid; {@link #errors()} lists every problem found, in file order. */
public final class ConfigException extends Exception {
    private final List<ConfigError> errors;

    public ConfigException(List<ConfigError> errors) {
        super(errors.size() + " configuration error(s):\n"
                + errors.stream().map(e -> "  " + e).collect(Collectors.joining("\n")));
        if (errors.isEmpty()) {
            throw new IllegalArgumentException("a ConfigException needs at least one error");
        }
        this.errors = List.copyOf(errors);
    }

    public List<ConfigError> errors() {
        return errors;
    }
}
