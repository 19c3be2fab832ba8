package io.cohort.server.config;

import java.util.Objects;

/** {@code [tun]}. */
public record TunSection(String name, int mtu) {
    public TunSection {
        Objects.requireNonNull(name);
    }
}

