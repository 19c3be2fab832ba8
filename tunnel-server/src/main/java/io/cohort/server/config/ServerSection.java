package io.cohort.server.config;

import java.util.Objects;

/** {@code [server]}. */
public record ServerSection(String hostname) {
    public ServerSection {
        Objects.requireNonNull(hostname);
    }
}

