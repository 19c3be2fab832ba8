package io.cohort.server.config;

import java.util.Optional;

/** A PPP authentication protocol that {@code [ppp] auth} may list, by its configuration name. */
public enum AuthMethod {
    /** MS-CHAP version 2 (RFC 2759). */
    MSCHAPV2("mschapv2"),
    /** CHAP with MD5 (RFC 1994). */
    CHAP_MD5("chap-md5"),
    /** PAP (RFC 1334): the password travels in clear. */
    PAP("pap");

    private final String configName;

    AuthMethod(String configName) {
        this.configName = configName;
    }

    public String configName() {
        return configName;
    }

    public static Optional<AuthMethod> byConfigName(String name) {
        for (AuthMethod m : values()) {
            if (m.configName.equals(name)) {
                return Optional.of(m);
            }
        }
        return Optional.empty();
    }
}
