package io.cohort.server.config;

import java.util.Objects;

/** {@code [tun]}: the TUN interface's name and MTU (576, the IPv4 minimum, to 65535). */
public record TunSection(String name, int mtu) {
    public static final TunSection DEFAULT = new TunSection("cohort0", 1400);

    public TunSection {
        Objects.requireNonNull(name);
        SettingRules rules = new SettingRules("tun");
        rules.interfaceName("name", name);
        rules.range("mtu", mtu, 576, 65535);
        rules.enforce();
    }

    static TunSection read(SectionValues s) {
        return new TunSection(s.text("name"), s.integer("mtu", DEFAULT.mtu()));
    }
}
