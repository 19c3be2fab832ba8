package io.cohort.server.config;

import io.cohort.server.inet.Ipv4Cidr;
import io.cohort.server.inet.Ipv4Literal;
import io.cohort.steering.SteeringMode;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Reads the merged document into {@link CohortConfig}: every key's syntax and range, then the
 * rules that tie keys together. The ranges here are the ones documented in {@code cohort.ini}.
 */
final class ConfigReader {
    private static final Pattern MAC_ADDRESS = Pattern.compile("\\p{XDigit}{2}(:\\p{XDigit}{2}){5}");
    private static final Pattern INTERFACE_NAME = Pattern.compile("[A-Za-z0-9._-]{1,15}");
    /** sun_path is 108 bytes; the JDK binds and connects to paths of at most 106 bytes. */
    private static final int MAX_SOCKET_PATH_BYTES = 106;
    private static final int MIN_POOL_PREFIX = 12;
    private static final int MAX_POOL_PREFIX = 30;
    private static final int IPV6_MIN_MTU = 1280;
    private static final Pattern MEMBER_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    private static final long MAX_CONFIG_VERSION = 1L << 62;
    private static final double MAX_HORIZON = 1e12;
    private static final int MAX_LOSSES = 255;

    private final IniDocument document;
    private final List<ConfigError> errors;
    private final Path baseDir;

    /** Relative paths (the users file) are resolved against {@code baseDir}. */
    ConfigReader(IniDocument document, List<ConfigError> errors, Path baseDir) {
        this.document = document;
        this.errors = errors;
        this.baseDir = baseDir;
    }

    CohortConfig read() {
        SectionValues pppValues = section("ppp");
        PppSection ppp = ppp(pppValues);
        ClusterSection cluster = cluster(section("cluster"));
        return new CohortConfig(server(section("server")), l2tp(section("l2tp")),
                pptp(section("pptp"), ppp, pppValues.valid("auth")),
                limits(section("limits")), ppp,
                pool(section("pool")), tun(section("tun"), ppp), users(section("users")),
                control(section("control")), cluster, steering(section("steering"), cluster), log(section("log")));
    }

    private SectionValues section(String name) {
        var values = document.sections().get(name);
        if (values == null) {
            throw new IllegalStateException("the embedded default has no section [" + name + "]");
        }
        return new SectionValues(name, values, errors);
    }

    private static ServerSection server(SectionValues s) {
        String hostname = s.text("hostname");
        if (hostname.isEmpty() || hostname.length() > 255 || !hostname.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
            s.fail("hostname", "'" + hostname + "' is not 1 to 255 printable characters without blanks");
        }
        return new ServerSection(hostname);
    }

    private static L2tpSection l2tp(SectionValues s) {
        InetAddress listen = s.ipAddress("listen");
        int port = s.integer("port", 1, 65535);
        // The secret is never quoted in an error, so it is read without any check on its text.
        Secret secret = Secret.of(s.text("secret"));
        boolean hide = s.bool("hide-avps");
        int window = s.integer("receive-window", 1, 65535);
        Duration initial = s.duration("retransmit-initial", Duration.ofMillis(100), Duration.ofMinutes(1));
        // RFC 2661 5.8: "This cap MUST be no less than 8 seconds per retransmission."
        Duration max = s.duration("retransmit-max", Duration.ofSeconds(8), Duration.ofMinutes(5));
        int attempts = s.integer("retransmit-attempts", 1, 100);
        Duration hello = s.duration("hello-interval", Duration.ZERO, Duration.ofHours(1));
        if (s.valid("retransmit-initial") && s.valid("retransmit-max") && max.compareTo(initial) < 0) {
            s.fail("retransmit-max", DurationFormat.format(max) + " is less than retransmit-initial ("
                    + DurationFormat.format(initial) + ")");
        }
        if (s.valid("hide-avps") && hide && !secret.isPresent()) {
            s.fail("hide-avps", "hiding AVPs needs a secret; set l2tp.secret or hide-avps = false");
        }
        return new L2tpSection(listen, port, secret, hide, window, initial, max, attempts,
                Optional.of(hello).filter(Duration::isPositive));
    }

    private static PptpSection pptp(SectionValues s, PppSection ppp, boolean authValid) {
        boolean enabled = s.bool("enabled");
        Inet4Address listen = s.ipv4("listen");
        int port = s.integer("port", 1, 65535);
        String text = s.text("encryption");
        PptpEncryption encryption = PptpEncryption.byConfigName(text).orElseGet(() -> {
            s.fail("encryption", "'" + text + "' is not an encryption policy (mppe-128, none)");
            return PptpEncryption.MPPE_128;
        });
        int connections = s.integer("max-connections", 1, 1_000_000);
        int calls = s.integer("max-calls-per-connection", 1, 65535);
        Duration setup = s.duration("setup-timeout", Duration.ofSeconds(1), Duration.ofMinutes(10));
        Duration echo = s.duration("echo-interval", Duration.ofSeconds(1), Duration.ofHours(1));
        // MPPE's keys come from MS-CHAPv2 (RFC 3079): without it every PPTP link would be refused.
        if (enabled && authValid && s.valid("enabled") && s.valid("encryption") && encryption == PptpEncryption.MPPE_128
                && !ppp.auth().contains(AuthMethod.MSCHAPV2)) {
            s.fail("encryption", "mppe-128 needs mschapv2 in ppp.auth (MPPE keys come from MS-CHAPv2); "
                    + "add it, or set pptp.enabled = false");
        }
        return new PptpSection(enabled, listen, port, encryption, connections, calls, setup, echo);
    }

    private static LimitsSection limits(SectionValues s) {
        int tunnels = s.integer("max-tunnels", 1, 1_000_000);
        int perPeer = s.integer("max-tunnels-per-peer", 1, 1_000_000);
        int sessions = s.integer("max-sessions", 1, 1_000_000);
        int perTunnel = s.integer("max-sessions-per-tunnel", 1, 65535);
        if (s.valid("max-tunnels") && s.valid("max-tunnels-per-peer") && perPeer > tunnels) {
            s.fail("max-tunnels-per-peer", perPeer + " is more than max-tunnels (" + tunnels + ")");
        }
        if (s.valid("max-sessions") && s.valid("max-sessions-per-tunnel") && perTunnel > sessions) {
            s.fail("max-sessions-per-tunnel", perTunnel + " is more than max-sessions (" + sessions + ")");
        }
        return new LimitsSection(tunnels, perPeer, sessions, perTunnel);
    }

    private static PppSection ppp(SectionValues s) {
        List<AuthMethod> auth = s.list("auth", AuthMethod::byConfigName, "an authentication protocol (mschapv2, chap-md5, pap)");
        if (s.valid("auth") && auth.isEmpty()) {
            s.fail("auth", "is empty; list at least one of mschapv2, chap-md5, pap");
        }
        int mru = s.integer("mru", 128, 65535);
        Duration echo = s.duration("echo-interval", Duration.ZERO, Duration.ofHours(1));
        int failures = s.integer("echo-failures", 1, 100);
        List<Inet4Address> dns = serverList(s, "dns");
        List<Inet4Address> nbns = serverList(s, "nbns");
        boolean ipv6 = s.bool("ipv6");
        return new PppSection(auth, mru, echo, failures, dns, nbns, ipv6);
    }

    /** IPCP carries a primary and a secondary server (RFC 1877), so at most two. */
    private static List<Inet4Address> serverList(SectionValues s, String key) {
        List<Inet4Address> list = s.list(key, Ipv4Literal::parse, "an IPv4 address");
        if (list.size() > 2) {
            s.fail(key, "lists " + list.size() + " addresses; IPCP carries at most two (primary, secondary)");
        }
        return list;
    }

    private static PoolSection pool(SectionValues s) {
        Optional<Ipv4Cidr> cidr = s.cidr("ipv4");
        Inet4Address gateway = s.ipv4("gateway");
        if (cidr.isPresent()) {
            int prefix = cidr.get().prefixLength();
            if (prefix < MIN_POOL_PREFIX || prefix > MAX_POOL_PREFIX) {
                s.fail("ipv4", "prefix length /" + prefix + " is out of range /" + MIN_POOL_PREFIX + "../" + MAX_POOL_PREFIX);
            }
        }
        if (s.valid("gateway")) {
            if (gateway.isAnyLocalAddress() || gateway.isMulticastAddress() || Ipv4Literal.toInt(gateway) == -1) {
                s.fail("gateway", gateway.getHostAddress() + " cannot be a host address");
            } else if (cidr.isPresent() && s.valid("ipv4") && cidr.get().contains(gateway)
                    && (gateway.equals(cidr.get().networkAddress()) || gateway.equals(cidr.get().broadcastAddress()))) {
                s.fail("gateway", gateway.getHostAddress() + " is the network or broadcast address of pool.ipv4 " + cidr.get());
            }
        }
        return new PoolSection(cidr.orElse(new Ipv4Cidr(0, 0)), gateway);
    }

    private static TunSection tun(SectionValues s, PppSection ppp) {
        String name = s.text("name");
        if (!INTERFACE_NAME.matcher(name).matches()) {
            s.fail("name", "'" + name + "' is not an interface name (1 to 15 of letters, digits, '.', '-', '_')");
        }
        int mtu = s.integer("mtu", 576, 65535);
        if (s.valid("mtu") && ppp.ipv6() && mtu < IPV6_MIN_MTU) {
            s.fail("mtu", mtu + " is below " + IPV6_MIN_MTU + ", the minimum for IPv6 (ppp.ipv6 is on)");
        }
        return new TunSection(name, mtu);
    }

    private UsersSection users(SectionValues s) {
        String text = s.text("file");
        if (text.isEmpty()) {
            return new UsersSection(Optional.empty());
        }
        Path path;
        try {
            path = baseDir.resolve(text);
        } catch (InvalidPathException e) {
            s.fail("file", "'" + text + "' is not a path");
            return new UsersSection(Optional.empty());
        }
        if (!Files.isRegularFile(path)) {
            s.fail("file", path + " does not exist or is not a regular file");
        } else if (!Files.isReadable(path)) {
            s.fail("file", path + " is not readable");
        }
        return new UsersSection(Optional.of(path));
    }

    private static ControlSection control(SectionValues s) {
        String text = s.text("socket");
        Path fallback = Path.of("/");
        if (text.isEmpty() || !text.startsWith("/")) {
            s.fail("socket", "'" + text + "' is not an absolute path");
            return new ControlSection(fallback);
        }
        if (text.getBytes(StandardCharsets.UTF_8).length > MAX_SOCKET_PATH_BYTES) {
            s.fail("socket", "is longer than " + MAX_SOCKET_PATH_BYTES + " bytes, the limit for a Unix socket path");
        }
        try {
            return new ControlSection(Path.of(text));
        } catch (InvalidPathException e) {
            s.fail("socket", "'" + text + "' is not a path");
            return new ControlSection(fallback);
        }
    }

    /**
     * {@code [cluster]}. Every value present is checked whatever {@code enabled} says; what a
     * cluster member needs (its name and address, and what its transport needs) is required only
     * when {@code enabled = true}, and reported against the file that enabled it.
     */
    private static ClusterSection cluster(SectionValues s) {
        boolean enabled = s.bool("enabled");
        String name = s.text("name");
        if (!name.isEmpty() && !MEMBER_NAME.matcher(name).matches()) {
            s.fail("name", "'" + name + "' is not a member name (a letter or digit, then up to 63 of letters, "
                    + "digits, '.', '-', '_')");
        } else if (name.isEmpty() && enabled) {
            s.failBecauseOf("name", "enabled", "is required when cluster.enabled = true "
                    + "(the CN of this member's certificate)");
        }
        Optional<InetAddress> address = s.optionalIpAddress("address");
        if (address.isPresent() && (address.get().isAnyLocalAddress() || address.get().isMulticastAddress())) {
            s.fail("address", address.get().getHostAddress() + " cannot be a member's address "
                    + "(a wildcard or multicast address)");
        } else if (address.isEmpty() && enabled && s.valid("address")) {
            s.failBecauseOf("address", "enabled", "is required when cluster.enabled = true "
                    + "(the IP address in this member's certificate)");
        }
        int port = s.integer("port", 1, 65535);
        String transportText = s.text("transport");
        ClusterTransportMode transport = ClusterTransportMode.byConfigName(transportText).orElseGet(() -> {
            s.fail("transport", "'" + transportText + "' is not a cluster transport (multicast, broadcast, static)");
            return ClusterTransportMode.MULTICAST;
        });
        boolean transportNeeded = enabled && s.valid("transport");

        Optional<InetAddress> group = s.optionalIpAddress("group");
        if (group.isPresent() && !(group.get() instanceof Inet4Address && group.get().isMulticastAddress())) {
            s.fail("group", group.get().getHostAddress() + " is not an IPv4 multicast address (224.0.0.0/4)");
        } else if (group.isEmpty() && transportNeeded && transport == ClusterTransportMode.MULTICAST && s.valid("group")) {
            s.failBecauseOf("group", "enabled", "is required when cluster.transport = multicast");
        }
        String interfaceName = s.text("interface");
        if (!interfaceName.isEmpty() && !INTERFACE_NAME.matcher(interfaceName).matches()) {
            s.fail("interface", "'" + interfaceName + "' is not an interface name (1 to 15 of letters, digits, "
                    + "'.', '-', '_')");
        } else if (interfaceName.isEmpty() && transportNeeded && transport == ClusterTransportMode.MULTICAST) {
            s.failBecauseOf("interface", "enabled", "is required when cluster.transport = multicast "
                    + "(the interface the group is joined on)");
        }
        Optional<InetAddress> broadcast = s.optionalIpAddress("broadcast");
        if (broadcast.isPresent() && !(broadcast.get() instanceof Inet4Address)) {
            s.fail("broadcast", broadcast.get().getHostAddress() + " is not an IPv4 address (IPv6 has no broadcast; "
                    + "use transport = multicast or static)");
        } else if (broadcast.isEmpty() && transportNeeded && transport == ClusterTransportMode.BROADCAST && s.valid("broadcast")) {
            s.failBecauseOf("broadcast", "enabled", "is required when cluster.transport = broadcast "
                    + "(the cluster subnet's broadcast address)");
        }
        List<InetSocketAddress> peers = peers(s, address.filter(a -> s.valid("address")),
                s.valid("port") ? port : -1, transportNeeded && transport == ClusterTransportMode.STATIC);

        Path pkiDir = s.absolutePath("pki-dir");
        long configVersion = s.longInteger("config-version", 0, MAX_CONFIG_VERSION);
        Duration watchdog = s.duration("watchdog", Duration.ofMillis(20), Duration.ofSeconds(10));
        double horizon = s.decimal("horizon", 1, MAX_HORIZON);
        int minLosses = s.integer("min-losses", 1, MAX_LOSSES);
        int maxLosses = s.integer("max-losses", 1, MAX_LOSSES);
        if (s.valid("min-losses") && s.valid("max-losses") && maxLosses < minLosses) {
            s.fail("max-losses", maxLosses + " is less than min-losses (" + minLosses + ")");
        } else if (s.valid("watchdog") && s.valid("max-losses")
                && watchdog.compareTo(Duration.ofMillis(maxLosses + 1L)) < 0) {
            s.fail("max-losses", maxLosses + " is too many for a watchdog of " + DurationFormat.format(watchdog)
                    + ": watchdog / (max-losses + 1) must be at least 1ms, so at most "
                    + (watchdog.toMillis() - 1));
        }
        Path stateDir = s.absolutePath("state-dir");
        boolean assignAll = s.bool("assign-all-units");
        return new ClusterSection(enabled, name, address, port, transport, group, interfaceName, broadcast, peers,
                pkiDir, configVersion, watchdog, horizon, minLosses, maxLosses, stateDir, assignAll);
    }

    /**
     * {@code [steering]}. Values present are checked whatever the mode; with a mode the cluster
     * must be enabled and the cluster IP and interface given, and a MAC must suit the mode.
     */
    private static SteeringSection steering(SectionValues s, ClusterSection cluster) {
        String modeText = s.text("mode");
        Optional<SteeringMode> mode = Optional.empty();
        if (!modeText.equalsIgnoreCase("none")) {
            mode = SteeringMode.byConfigName(modeText);
            if (mode.isEmpty()) {
                s.fail("mode", "'" + modeText + "' is not a steering mode (none, forwarding, unicast, multicast)");
            } else if (!cluster.enabled()) {
                s.fail("mode", "steering mode " + modeText + " needs a cluster: set [cluster] enabled = true, "
                        + "or mode = none");
            }
        }
        boolean needed = mode.isPresent();
        Optional<Inet4Address> address = Optional.empty();
        String addressText = s.text("address");
        if (!addressText.isEmpty()) {
            Inet4Address a = s.ipv4("address");
            if (s.valid("address") && (a.isAnyLocalAddress() || a.isMulticastAddress() || a.isLoopbackAddress())) {
                s.fail("address", a.getHostAddress() + " cannot be the cluster IP (a wildcard, multicast or "
                        + "loopback address)");
            } else if (s.valid("address")) {
                address = Optional.of(a);
            }
        } else if (needed) {
            s.failBecauseOf("address", "mode", "is required with a steering mode (the cluster IP clients connect to)");
        }
        String interfaceName = s.text("interface");
        if (!interfaceName.isEmpty() && !INTERFACE_NAME.matcher(interfaceName).matches()) {
            s.fail("interface", "'" + interfaceName + "' is not an interface name (1 to 15 of letters, digits, "
                    + "'.', '-', '_')");
        } else if (interfaceName.isEmpty() && needed) {
            s.failBecauseOf("interface", "mode", "is required with a steering mode (the LAN interface the "
                    + "cluster IP's clients are reached on)");
        }
        Optional<String> mac = Optional.empty();
        String macText = s.text("mac").toLowerCase(Locale.ROOT);
        if (!macText.isEmpty()) {
            if (!MAC_ADDRESS.matcher(macText).matches()) {
                s.fail("mac", "'" + macText + "' is not a MAC address (six hex pairs separated by ':', "
                        + "e.g. 02:bf:0a:4d:00:64)");
            } else {
                boolean group = (Integer.parseInt(macText.substring(0, 2), 16) & 1) != 0;
                if (mode.equals(Optional.of(SteeringMode.FORWARDING))) {
                    s.fail("mac", "is not used with mode = forwarding (the master's own MAC is the cluster MAC); "
                            + "leave it empty");
                } else if (mode.equals(Optional.of(SteeringMode.UNICAST)) && group) {
                    s.fail("mac", macText + " is a multicast MAC (its first octet is odd); mode = unicast needs "
                            + "a unicast one");
                } else if (mode.equals(Optional.of(SteeringMode.MULTICAST)) && !group) {
                    s.fail("mac", macText + " is a unicast MAC; mode = multicast needs one with the group bit "
                            + "(first octet odd, e.g. 03:bf:...)");
                } else if (macText.equals("ff:ff:ff:ff:ff:ff")) {
                    s.fail("mac", "the broadcast MAC cannot be the cluster MAC");
                } else {
                    mac = Optional.of(macText);
                }
            }
        }
        return new SteeringSection(mode, address, interfaceName, mac);
    }

    /**
     * {@code cluster.peers}; with {@code required} (transport = static) it must name a member
     * other than this one ({@code self}:{@code port}, when both are known).
     */
    private static List<InetSocketAddress> peers(SectionValues s, Optional<InetAddress> self, int port,
                                                 boolean required) {
        List<InetSocketAddress> peers = s.list("peers", AddressLiteral::socketAddress,
                "an ADDRESS:PORT (IPv4 literal, port 1..65535) or [ADDRESS]:PORT (IPv6 literal)");
        for (InetSocketAddress peer : peers) {
            if (peer.getAddress().isAnyLocalAddress() || peer.getAddress().isMulticastAddress()) {
                s.fail("peers", peer.getAddress().getHostAddress() + " cannot be a member's address "
                        + "(a wildcard or multicast address)");
            }
        }
        if (!required || !s.valid("peers")) {
            return peers;
        }
        List<InetSocketAddress> others = new ArrayList<>(peers);
        if (self.isPresent() && port > 0) {
            others.remove(new InetSocketAddress(self.get(), port));
        }
        if (peers.isEmpty()) {
            s.failBecauseOf("peers", "enabled", "is required when cluster.transport = static "
                    + "(the members' ADDRESS:PORT)");
        } else if (others.isEmpty()) {
            s.fail("peers", "lists only this member ("
                    + AddressLiteral.format(new InetSocketAddress(self.orElseThrow(), port))
                    + "); list at least one other member");
        }
        return peers;
    }

    private static LogSection log(SectionValues s) {
        String text = s.text("level");
        return new LogSection(LogLevel.byConfigName(text).orElseGet(() -> {
            s.fail("level", "'" + text + "' is not a log level (error, warning, info, debug, trace)");
            return LogLevel.INFO;
        }));
    }
}
