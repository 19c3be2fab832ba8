package io.cohort.steering;

import java.util.Locale;
import java.util.Optional;

/**
 * How packets for the cluster IP reach the member that owns their work unit: the patent's three
 * methods ("Normal IP packet processing"; DESIGN.md, "Steering packets to members").
 */
public enum SteeringMode {
    /** Method 1: the master's MAC is bound to the cluster IP; it classifies and forwards to owners. */
    FORWARDING,
    /** Method 2: a cluster-wide unicast MAC; every member sees every packet and keeps its own. */
    UNICAST,
    /** Method 3: a multicast MAC, so that a learning switch floods the cluster IP's packets to all. */
    MULTICAST;

    /** The name in configuration files: {@code forwarding}, {@code unicast}, {@code multicast}. */
    public String configName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<SteeringMode> byConfigName(String text) {
        for (SteeringMode m : values()) {
            if (m.configName().equals(text.strip().toLowerCase(Locale.ROOT))) {
                return Optional.of(m);
            }
        }
        return Optional.empty();
    }
}
