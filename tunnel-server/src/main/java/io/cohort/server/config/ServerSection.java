package io.cohort.server.config;

import java.util.Objects;

/** {@code [server]}: {@code hostname} is our L2TP Host Name AVP (RFC 2661 4.4.3), 1 to 255 printable characters. */
public record ServerSection(String hostname) {
    public static final ServerSection DEFAULT = new ServerSection("cohort");

    public ServerSection {
        Objects.requireNonNull(hostname);
        SettingRules rules = new SettingRules("server");
        rules.check(!hostname.isEmpty() && hostname.length() <= 255
                        && hostname.chars().allMatch(c -> c > 0x20 && c < 0x7f), "hostname",
                "'" + hostname + "' is not 1 to 255 printable characters without blanks");
        rules.enforce();
    }

    static ServerSection read(SectionValues s) {
        return new ServerSection(s.text("hostname"));
    }
}
