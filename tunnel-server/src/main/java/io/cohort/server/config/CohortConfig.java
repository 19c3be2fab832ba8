package io.cohort.server.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The whole validated configuration of one server, section by section. Obtain it from
 * {@link ConfigLoader}; it is immutable and safe to print (the L2TP secret prints as
 * {@code Secret[set]}). Each section's record holds its own rules; this one holds the rules that
 * tie sections together.
 */
public record CohortConfig(ServerSection server, L2tpSection l2tp, PptpSection pptp, LimitsSection limits,
                           PppSection ppp, PoolSection pool, TunSection tun, UsersSection users, ControlSection control,
                           ClusterSection cluster, SteeringSection steering, InsideSection inside, LogSection log) {
    /** IPv6 needs links of at least 1280 octets (RFC 8200 5). */
    private static final int IPV6_MIN_MTU = 1280;
    /** Every section's default: what {@code cohort.ini}, the embedded default, documents. */
    public static final CohortConfig DEFAULT = new CohortConfig(ServerSection.DEFAULT, L2tpSection.DEFAULT,
            PptpSection.DEFAULT, LimitsSection.DEFAULT, PppSection.DEFAULT, PoolSection.DEFAULT, TunSection.DEFAULT,
            UsersSection.DEFAULT, ControlSection.DEFAULT, ClusterSection.DEFAULT, SteeringSection.DEFAULT,
            InsideSection.DEFAULT, LogSection.DEFAULT);

    public CohortConfig {
        Objects.requireNonNull(server);
        Objects.requireNonNull(l2tp);
        Objects.requireNonNull(pptp);
        Objects.requireNonNull(limits);
        Objects.requireNonNull(ppp);
        Objects.requireNonNull(pool);
        Objects.requireNonNull(tun);
        Objects.requireNonNull(users);
        Objects.requireNonNull(control);
        Objects.requireNonNull(cluster);
        Objects.requireNonNull(steering);
        Objects.requireNonNull(inside);
        Objects.requireNonNull(log);
        List<SettingViolation> violations = new ArrayList<>();
        // MPPE's keys come from MS-CHAPv2 (RFC 3079): without it every PPTP link would be refused.
        if (pptp.enabled() && pptp.encryption() == PptpEncryption.MPPE_128 && !ppp.auth().contains(AuthMethod.MSCHAPV2)) {
            violations.add(violation("pptp", "encryption", "mppe-128 needs mschapv2 in ppp.auth (MPPE keys come from "
                    + "MS-CHAPv2); add it, or set pptp.enabled = false", new Setting("pptp", "enabled"),
                    new Setting("ppp", "auth")));
        }
        if (ppp.ipv6() && tun.mtu() < IPV6_MIN_MTU) {
            violations.add(violation("tun", "mtu", tun.mtu() + " is below " + IPV6_MIN_MTU
                    + ", the minimum for IPv6 (ppp.ipv6 is on)", new Setting("ppp", "ipv6")));
        }
        if (steering.mode().isPresent() && !cluster.enabled()) {
            violations.add(violation("steering", "mode", "steering mode " + steering.mode().get().configName()
                    + " needs a cluster: set [cluster] enabled = true, or mode = none", new Setting("cluster", "enabled")));
        }
        if (inside.interfaceName().filter(tun.name()::equals).isPresent()) {
            violations.add(violation("inside", "interface", "'" + tun.name() + "' is the TUN interface: the inside "
                    + "interface is the Ethernet LAN of the hosts behind the cluster", new Setting("tun", "name")));
        }
        if (!violations.isEmpty()) {
            throw new InvalidSettingsException(violations);
        }
    }

    private static SettingViolation violation(String section, String key, String problem, Setting... alsoRead) {
        return new SettingViolation(new Setting(section, key), problem, Set.of(alsoRead), Optional.empty());
    }
}
