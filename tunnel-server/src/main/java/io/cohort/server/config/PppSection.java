package io.cohort.server.config;

import io.cohort.server.inet.Ipv4Literal;
import java.net.Inet4Address;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * {@code [ppp]}; {@code auth} is in order of preference.
 *
 * @param dns  the DNS servers IPCP gives clients, at most two (RFC 1877: primary, secondary)
 * @param nbns the NetBIOS name servers IPCP gives clients, at most two (RFC 1877)
 */
public record PppSection(List<AuthMethod> auth, int mru, Duration echoInterval, int echoFailures,
                         List<Inet4Address> dns, List<Inet4Address> nbns, boolean ipv6) {
    public static final PppSection DEFAULT = new PppSection(List.of(AuthMethod.MSCHAPV2, AuthMethod.CHAP_MD5), 1400,
            Duration.ofSeconds(30), 3, List.of(), List.of(), false);

    public PppSection {
        auth = List.copyOf(auth);
        Objects.requireNonNull(echoInterval);
        dns = List.copyOf(dns);
        nbns = List.copyOf(nbns);
        SettingRules rules = new SettingRules("ppp");
        rules.check(!auth.isEmpty(), "auth", "is empty; list at least one of mschapv2, chap-md5, pap");
        rules.range("mru", mru, 128, 65535);
        rules.range("echo-interval", echoInterval, Duration.ZERO, Duration.ofHours(1));
        rules.range("echo-failures", echoFailures, 1, 100);
        serverList(rules, "dns", dns);
        serverList(rules, "nbns", nbns);
        rules.enforce();
    }

    /** IPCP carries a primary and a secondary server (RFC 1877), so at most two. */
    private static void serverList(SettingRules rules, String key, List<Inet4Address> servers) {
        rules.check(servers.size() <= 2, key,
                "lists " + servers.size() + " addresses; IPCP carries at most two (primary, secondary)");
    }

    /** True if LCP echoes are sent (a zero interval turns them off). */
    public boolean echoEnabled() {
        return !echoInterval.isZero();
    }

    static PppSection read(SectionValues s) {
        PppSection d = DEFAULT;
        return new PppSection(
                s.list("auth", AuthMethod::byConfigName, "an authentication protocol (mschapv2, chap-md5, pap)"),
                s.integer("mru", d.mru()), s.duration("echo-interval", d.echoInterval()),
                s.integer("echo-failures", d.echoFailures()),
                s.list("dns", Ipv4Literal::parse, "an IPv4 address"), s.list("nbns", Ipv4Literal::parse, "an IPv4 address"),
                s.bool("ipv6", d.ipv6()));
    }
}
