package io.cohort.server.config;

import java.util.Objects;
import java.util.Optional;

/**
 * {@code [inside]}: the LAN of the hosts behind the cluster, which reach the clients at their
 * session addresses. On it this member answers ARP for the addresses of the sessions it serves
 * (kernel proxy ARP entries) and announces them with gratuitous ARP when it takes sessions over,
 * so that traffic to a client follows its session to the member that serves it now (patent,
 * figure 7: the users notice nothing).
 *
 * @param interfaceName the inside interface; empty: no inside LAN (nothing is answered or announced)
 */
public record InsideSection(Optional<String> interfaceName) {
    public static final InsideSection DEFAULT = new InsideSection(Optional.empty());

    public InsideSection {
        Objects.requireNonNull(interfaceName);
        SettingRules rules = new SettingRules("inside");
        interfaceName.ifPresent(name -> rules.interfaceName("interface", name));
        rules.enforce();
    }

    public boolean enabled() {
        return interfaceName.isPresent();
    }

    static InsideSection read(SectionValues s) {
        String name = s.text("interface");
        return new InsideSection(name.isEmpty() ? Optional.empty() : Optional.of(name));
    }
}
