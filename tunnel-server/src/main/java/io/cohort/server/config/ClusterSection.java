package io.cohort.server.config;

import io.cohort.cluster.keepalive.InvalidKeepalivePolicyException;
import io.cohort.cluster.keepalive.KeepalivePolicy;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * {@code [cluster]}: whether this server is a member of a cluster, who it is on the cluster
 * network, how members reach each other, where its credentials are, and the failure-detection
 * policy (the patent's t, K and n range). Every value given is checked whatever {@code enabled}
 * says; what a member needs (its name and address, and what its transport needs) is required
 * only when {@code enabled}. The failure-detection values are {@link KeepalivePolicy}'s, which
 * owns their ranges and their defaults.
 *
 * @param enabled        join a cluster; false runs the server alone
 * @param name           this member's name, the CN of its member certificate; empty if not given
 * @param address        its address on the cluster network (its certificate's IP subject alternative name)
 * @param port           the cluster UDP port, the same on every member
 * @param transport      multicast, broadcast or static
 * @param group          the multicast group (transport = multicast)
 * @param interfaceName  the interface multicast goes out of and is joined on (transport = multicast);
 *                       empty if not given
 * @param broadcast      the subnet broadcast address (transport = broadcast)
 * @param peers          every member's address and port (transport = static); may include this member;
 *                       literals, never resolved
 * @param pkiDir         the directory with {@code ca.crt}, {@code crl.pem}, {@code members/NAME.crt}
 *                       and {@code members/NAME.key} (as {@code cohort pki} writes them)
 * @param configVersion  the configuration's version: a member with an older one is told to exit,
 *                       fetches this configuration from the master and rejoins
 * @param watchdog       the watchdog t: silence after which a member or the master is declared dead
 * @param horizon        the K of n·Pⁿ &lt; 1/K: about one false detection per K watchdog intervals
 * @param minLosses      the smallest n
 * @param maxLosses      the largest n
 * @param stateDir       where a configuration fetched from the cluster is kept ({@code cluster.ini})
 * @param assignAllUnits whether the master gives every work unit an owner at once, rather than on
 *                       its first packet
 */
public record ClusterSection(boolean enabled, String name, Optional<InetAddress> address, int port,
                             ClusterTransportMode transport, Optional<InetAddress> group, String interfaceName,
                             Optional<InetAddress> broadcast, List<InetSocketAddress> peers, Path pkiDir,
                             long configVersion, Duration watchdog, double horizon, int minLosses, int maxLosses,
                             Path stateDir, boolean assignAllUnits) {
    private static final Pattern MEMBER_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    private static final long MAX_CONFIG_VERSION = 1L << 62;
    private static final String[] KEEPALIVE_KEYS = {"watchdog", "horizon", "min-losses", "max-losses"};
    public static final ClusterSection DEFAULT = new ClusterSection(false, "", Optional.empty(), 7400,
            ClusterTransportMode.MULTICAST, AddressLiteral.ip("239.192.74.1"), "", Optional.empty(), List.of(),
            Path.of("/etc/cohort/cluster"), 1, KeepalivePolicy.DEFAULT.watchdogTimeout(),
            KeepalivePolicy.DEFAULT.horizon(), KeepalivePolicy.DEFAULT.minLosses(), KeepalivePolicy.DEFAULT.maxLosses(),
            Path.of("/var/lib/cohort"), false);

    public ClusterSection {
        Objects.requireNonNull(name);
        Objects.requireNonNull(address);
        Objects.requireNonNull(transport);
        Objects.requireNonNull(group);
        Objects.requireNonNull(interfaceName);
        Objects.requireNonNull(broadcast);
        peers = List.copyOf(peers);
        Objects.requireNonNull(pkiDir);
        Objects.requireNonNull(watchdog);
        Objects.requireNonNull(stateDir);
        SettingRules rules = new SettingRules("cluster");
        member(rules, enabled, name, address);
        rules.range("port", port, 1, 65535);
        transport(rules, enabled, transport, group, interfaceName, broadcast);
        peers(rules, enabled && transport == ClusterTransportMode.STATIC, peers, address, port);
        rules.check(pkiDir.isAbsolute(), "pki-dir", "'" + pkiDir + "' is not an absolute path");
        rules.range("config-version", configVersion, 0, MAX_CONFIG_VERSION);
        keepalive(rules, watchdog, horizon, minLosses, maxLosses);
        rules.check(stateDir.isAbsolute(), "state-dir", "'" + stateDir + "' is not an absolute path");
        rules.enforce();
    }

    /** The file a configuration fetched from the cluster is kept in. */
    public Path fetchedConfiguration() {
        return stateDir.resolve("cluster.ini");
    }

    /** The failure-detection policy: the configured t, K and n range, the rest {@link KeepalivePolicy#DEFAULT}'s. */
    public KeepalivePolicy keepalivePolicy() {
        return keepalivePolicy(watchdog, horizon, minLosses, maxLosses);
    }

    private static KeepalivePolicy keepalivePolicy(Duration watchdog, double horizon, int minLosses, int maxLosses) {
        KeepalivePolicy d = KeepalivePolicy.DEFAULT;
        return new KeepalivePolicy(watchdog, horizon, minLosses, maxLosses, d.smoothing(), d.initialLoss(),
                d.lowerAfter());
    }

    private static void member(SettingRules rules, boolean enabled, String name, Optional<InetAddress> address) {
        if (!name.isEmpty()) {
            rules.check(MEMBER_NAME.matcher(name).matches(), "name", "'" + name + "' is not a member name (a letter "
                    + "or digit, then up to 63 of letters, digits, '.', '-', '_')");
        }
        rules.require(!name.isEmpty() || !enabled, "name",
                "is required when cluster.enabled = true (the CN of this member's certificate)", "enabled");
        address.ifPresent(a -> rules.check(!a.isAnyLocalAddress() && !a.isMulticastAddress(), "address",
                a.getHostAddress() + " cannot be a member's address (a wildcard or multicast address)"));
        rules.require(address.isPresent() || !enabled, "address",
                "is required when cluster.enabled = true (the IP address in this member's certificate)", "enabled");
    }

    /** What each transport needs; reported against the file that enabled the cluster. */
    private static void transport(SettingRules rules, boolean enabled, ClusterTransportMode transport,
                                  Optional<InetAddress> group, String interfaceName, Optional<InetAddress> broadcast) {
        boolean multicast = enabled && transport == ClusterTransportMode.MULTICAST;
        group.ifPresent(g -> rules.check(g instanceof Inet4Address && g.isMulticastAddress(), "group",
                g.getHostAddress() + " is not an IPv4 multicast address (224.0.0.0/4)"));
        rules.require(group.isPresent() || !multicast, "group", "is required when cluster.transport = multicast",
                "enabled", "transport");
        if (!interfaceName.isEmpty()) {
            rules.interfaceName("interface", interfaceName);
        }
        rules.require(!interfaceName.isEmpty() || !multicast, "interface",
                "is required when cluster.transport = multicast (the interface the group is joined on)",
                "enabled", "transport");
        broadcast.ifPresent(b -> rules.check(b instanceof Inet4Address, "broadcast", b.getHostAddress()
                + " is not an IPv4 address (IPv6 has no broadcast; use transport = multicast or static)"));
        rules.require(broadcast.isPresent() || !(enabled && transport == ClusterTransportMode.BROADCAST), "broadcast",
                "is required when cluster.transport = broadcast (the cluster subnet's broadcast address)",
                "enabled", "transport");
    }

    /** With {@code required} (transport = static) the peers must name a member other than this one. */
    private static void peers(SettingRules rules, boolean required, List<InetSocketAddress> peers,
                              Optional<InetAddress> self, int port) {
        for (InetSocketAddress peer : peers) {
            InetAddress a = peer.getAddress();
            rules.check(!a.isAnyLocalAddress() && !a.isMulticastAddress(), "peers",
                    a.getHostAddress() + " cannot be a member's address (a wildcard or multicast address)");
        }
        rules.require(!peers.isEmpty() || !required, "peers",
                "is required when cluster.transport = static (the members' ADDRESS:PORT)", "enabled", "transport");
        if (required && !peers.isEmpty() && self.isPresent()) {
            InetSocketAddress me = new InetSocketAddress(self.get(), port);
            List<InetSocketAddress> others = new ArrayList<>(peers);
            others.remove(me);
            rules.compare(!others.isEmpty(), "peers", "lists only this member (" + AddressLiteral.format(me)
                    + "); list at least one other member", "address", "port", "enabled", "transport");
        }
    }

    /** {@link KeepalivePolicy} owns the rules of t, K and n; its problems are reported under their keys. */
    private static void keepalive(SettingRules rules, Duration watchdog, double horizon, int minLosses,
                                  int maxLosses) {
        try {
            keepalivePolicy(watchdog, horizon, minLosses, maxLosses);
        } catch (InvalidKeepalivePolicyException e) {
            e.problems().forEach((constant, problem) -> {
                String key = switch (constant) {
                    case WATCHDOG_TIMEOUT -> "watchdog";
                    case HORIZON -> "horizon";
                    case MIN_LOSSES -> "min-losses";
                    case MAX_LOSSES -> "max-losses";
                    case SMOOTHING, INITIAL_LOSS, LOWER_AFTER ->
                            throw new IllegalStateException("the default keepalive policy is invalid", e);
                };
                // A rule may read all four (n against t, n against n), so each problem stands only if all were read.
                Set<Setting> others = Stream.of(KEEPALIVE_KEYS).filter(k -> !k.equals(key)).map(rules::setting)
                        .collect(Collectors.toSet());
                rules.add(new SettingViolation(rules.setting(key), problem, others, Optional.empty()));
            });
        }
    }

    static ClusterSection read(SectionValues s) {
        ClusterSection d = DEFAULT;
        return new ClusterSection(s.bool("enabled", d.enabled()), s.text("name"), s.optionalIpAddress("address"),
                s.integer("port", d.port()),
                s.named("transport", ClusterTransportMode::byConfigName,
                        "a cluster transport (multicast, broadcast, static)", d.transport()),
                s.optionalIpAddress("group"), s.text("interface"), s.optionalIpAddress("broadcast"),
                s.list("peers", AddressLiteral::socketAddress,
                        "an ADDRESS:PORT (IPv4 literal, port 1..65535) or [ADDRESS]:PORT (IPv6 literal)"),
                s.path("pki-dir", d.pkiDir()), s.longInteger("config-version", d.configVersion()),
                s.duration("watchdog", d.watchdog()), s.decimal("horizon", d.horizon()),
                s.integer("min-losses", d.minLosses()), s.integer("max-losses", d.maxLosses()),
                s.path("state-dir", d.stateDir()), s.bool("assign-all-units", d.assignAllUnits()));
    }
}
