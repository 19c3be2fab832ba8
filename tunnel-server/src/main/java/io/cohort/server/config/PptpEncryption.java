package io.cohort.server.config;

import java.util.Optional;

/** What {@code [pptp] encryption} may require of a PPTP call's PPP link, by its configuration name. */
public enum PptpEncryption {
    /** MPPE with 128-bit keys, stateless (RFC 3078, keys from MS-CHAPv2 per RFC 3079); the link ends without it. */
    MPPE_128("mppe-128"),
    /** No CCP: user data in clear inside GRE. For tests and trusted networks only. */
    NONE("none");

    private final String configName;

    PptpEncryption(String configName) {
        this.configName = configName;
    }

    public String configName() {
        return configName;
    }

    public static Optional<PptpEncryption> byConfigName(String name) {
        for (PptpEncryption e : values()) {
            if (e.configName.equals(name)) {
                return Optional.of(e);
            }
        }
        return Optional.empty();
    }
}
