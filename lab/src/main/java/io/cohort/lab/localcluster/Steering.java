package io.cohort.lab.localcluster;

import java.util.Locale;

/**
 * How the local cluster's members share the cluster IP: the values of {@code [steering] mode}.
 * {@link #NONE} writes no {@code [steering]} section; clients then reach members at their own
 * addresses.
 */
public enum Steering {
    NONE, FORWARDING, UNICAST, MULTICAST;

    /** The value of {@code [steering] mode}. */
    public String configValue() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The mode named {@code text}, any case; an unknown name lists the known ones. */
    public static Steering parse(String text) {
        for (Steering s : values()) {
            if (s.configValue().equalsIgnoreCase(text.trim())) {
                return s;
            }
        }
        throw new IllegalArgumentException("unknown steering mode '" + text + "' (none, forwarding, unicast, multicast)");
    }
}
