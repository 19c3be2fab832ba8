package io.cohort.server.config;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/** {@code [users]}; an empty file means no users file. */
public record UsersSection(Optional<Path> file) {
    public UsersSection {
        Objects.requireNonNull(file);
    }
}

