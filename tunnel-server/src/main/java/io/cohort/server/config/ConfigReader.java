package io.cohort.server.config;

import io.cohort.server.inet.Ipv4Cidr;
import io.cohort.server.inet.Ipv4Literal;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Reads the merged document into {@link CohortConfig}: every key's syntax and range, then the
 * rules that tie keys together. The ranges here are the ones documented in {@code cohort.ini}.
 */
final class ConfigReader {
    private static final Pattern INTERFACE_NAME = Pattern.compile("[A-Za-z0-9._-]{1,15}");
    /** sun_path is 108 bytes; the JDK binds and connects to paths of at most 106 bytes. */
    private static final int MAX_SOCKET_PATH_BYTES = 106;
    private static final int MIN_POOL_PREFIX = 12;
    private static final int MAX_POOL_PREFIX = 30;
    private static final int IPV6_MIN_MTU = 1280;

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
        return new CohortConfig(server(section("server")), l2tp(section("l2tp")),
                pptp(section("pptp"), ppp, pppValues.valid("auth")),
                limits(section("limits")), ppp,
                pool(section("pool")), tun(section("tun"), ppp), users(section("users")),
                control(section("control")), log(section("log")));
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
        return new L2tpSection(listen, port, secret, hide, window, initial, max, attempts, hello);
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

    private static LogSection log(SectionValues s) {
        String text = s.text("level");
        return new LogSection(LogLevel.byConfigName(text).orElseGet(() -> {
            s.fail("level", "'" + text + "' is not a log level (error, warning, info, debug, trace)");
            return LogLevel.INFO;
        }));
    }
}
