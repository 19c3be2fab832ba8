package io.cohort.server.config;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * A configuration as {@code cohort run} serves it: the validated values, the operator text they
 * came from (what a cluster member hands to members that fetch the configuration; empty for the
 * embedded default alone) and the file it was read from.
 */
public record LoadedConfiguration(CohortConfig config, String text, Optional<Path> file) {
    public LoadedConfiguration {
        Objects.requireNonNull(config);
        Objects.requireNonNull(text);
        Objects.requireNonNull(file);
    }
}
