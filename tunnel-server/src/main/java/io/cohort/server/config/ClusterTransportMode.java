package io.cohort.server.config;

import java.util.Locale;
import java.util.Optional;

/** {@code cluster.transport}: how members reach each other on the cluster network. */
public enum ClusterTransportMode {
    MULTICAST, BROADCAST, STATIC;

    public String configName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<ClusterTransportMode> byConfigName(String text) {
        for (ClusterTransportMode m : values()) {
            if (m.configName().equals(text.strip().toLowerCase(Locale.ROOT))) {
                return Optional.of(m);
            }
        }
        return Optional.empty();
    }
}
