package io.cohort.server.config;

import java.nio.file.Path;
import java.util.Objects;

/** {@code [control]}. */
public record ControlSection(Path socket) {
    public ControlSection {
        Objects.requireNonNull(socket);
    }
}

