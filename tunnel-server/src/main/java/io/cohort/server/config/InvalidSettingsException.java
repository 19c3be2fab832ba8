package io.cohort.server.config;

import java.util.List;
import java.util.stream.Collectors;

/**
 * What a settings record's constructor throws when values break its rules: every
 * {@link SettingViolation} found, each naming its {@code section.key}, so that the configuration
 * reader can report them against the file they came from.
 */
public final class InvalidSettingsException extends IllegalArgumentException {
    private final List<SettingViolation> violations;

    InvalidSettingsException(List<SettingViolation> violations) {
        super(violations.stream().map(SettingViolation::toString).collect(Collectors.joining("; ")));
        if (violations.isEmpty()) {
            throw new IllegalArgumentException("an InvalidSettingsException needs at least one violation");
        }
        this.violations = List.copyOf(violations);
    }

    public List<SettingViolation> violations() {
        return violations;
    }
}
