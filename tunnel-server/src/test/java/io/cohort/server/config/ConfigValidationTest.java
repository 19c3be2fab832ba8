package io.cohort.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** One row per validation rule: an override file, and the one error it must produce. */
class ConfigValidationTest {
    private static final String FILE = "/etc/cohort/test.ini";

    static Stream<Arguments> invalid() {
        return Stream.of(
                row("[server]\nhostname =\n", "server.hostname", "not 1 to 255 printable"),
                row("[server]\nhostname = a b\n", "server.hostname", "without blanks"),
                row("[l2tp]\nlisten = vpn.example.com\n", "l2tp.listen", "not an IP address literal"),
                row("[l2tp]\nlisten = 10.0.0.256\n", "l2tp.listen", "not an IP address literal"),
                row("[l2tp]\nlisten = fe80::zz\n", "l2tp.listen", "not an IP address literal"),
                row("[l2tp]\nport = 0\n", "l2tp.port", "'0' is out of range 1..65535"),
                row("[l2tp]\nport = 65536\n", "l2tp.port", "out of range 1..65535"),
                row("[l2tp]\nport = 17o1\n", "l2tp.port", "'17o1' is not a whole number"),
                row("[l2tp]\nport = 1701\nport = 1702\n", "l2tp.port", "given 2 times"),
                row("[l2tp]\nhide-avps = maybe\n", "l2tp.hide-avps", "not a boolean"),
                row("[l2tp]\nhide-avps = true\n", "l2tp.hide-avps", "needs a secret"),
                row("[l2tp]\nreceive-window = 0\n", "l2tp.receive-window", "out of range 1..65535"),
                row("[l2tp]\nretransmit-initial = 1\n", "l2tp.retransmit-initial", "not a duration"),
                row("[l2tp]\nretransmit-initial = 1.5s\n", "l2tp.retransmit-initial", "not a duration"),
                row("[l2tp]\nretransmit-initial = 50ms\n", "l2tp.retransmit-initial", "out of range 100ms..1m"),
                row("[l2tp]\nretransmit-initial = 20s\nretransmit-max = 10s\n", "l2tp.retransmit-max",
                        "10s is less than retransmit-initial (20s)"),
                row("[l2tp]\nretransmit-max = 6m\n", "l2tp.retransmit-max", "out of range 8s..5m"),
                row("[l2tp]\nretransmit-max = 2s\n", "l2tp.retransmit-max", "out of range 8s..5m"),
                row("[l2tp]\nretransmit-attempts = 0\n", "l2tp.retransmit-attempts", "out of range 1..100"),
                row("[l2tp]\nhello-interval = 2h\n", "l2tp.hello-interval", "out of range 0s..1h"),
                row("[l2tp]\nhello-interval = -1s\n", "l2tp.hello-interval", "not a duration"),
                row("[pptp]\nenabled = sometimes\n", "pptp.enabled", "not a boolean"),
                row("[pptp]\nlisten = ::\n", "pptp.listen", "not an IPv4 address"),
                row("[pptp]\nport = 0\n", "pptp.port", "out of range 1..65535"),
                row("[pptp]\nencryption = mppe-40\n", "pptp.encryption", "'mppe-40' is not an encryption policy"),
                row("[pptp]\nencryption = mppe-128\n[ppp]\nauth = chap-md5\n", "pptp.encryption",
                        "mppe-128 needs mschapv2 in ppp.auth"),
                row("[pptp]\nmax-connections = 0\n", "pptp.max-connections", "out of range 1..1000000"),
                row("[pptp]\nmax-calls-per-connection = 65536\n", "pptp.max-calls-per-connection",
                        "out of range 1..65535"),
                row("[pptp]\nsetup-timeout = 0s\n", "pptp.setup-timeout", "out of range 1s..10m"),
                row("[pptp]\necho-interval = 2h\n", "pptp.echo-interval", "out of range 1s..1h"),
                row("[limits]\nmax-tunnels = 0\n", "limits.max-tunnels", "out of range 1..1000000"),
                row("[limits]\nmax-tunnels = 10\nmax-tunnels-per-peer = 11\n", "limits.max-tunnels-per-peer",
                        "11 is more than max-tunnels (10)"),
                row("[limits]\nmax-sessions = 100\nmax-sessions-per-tunnel = 101\n",
                        "limits.max-sessions-per-tunnel", "101 is more than max-sessions (100)"),
                row("[limits]\nmax-sessions-per-tunnel = 65536\n", "limits.max-sessions-per-tunnel", "out of range"),
                row("[limits]\nmax-sessions = 2000000\n", "limits.max-sessions", "out of range 1..1000000"),
                row("[ppp]\nauth =\n", "ppp.auth", "is empty"),
                row("[ppp]\nauth = mschapv2, eap\n", "ppp.auth", "'eap' is not an authentication protocol"),
                row("[ppp]\nauth = pap, pap\n", "ppp.auth", "'pap' is listed twice"),
                row("[ppp]\nmru = 127\n", "ppp.mru", "out of range 128..65535"),
                row("[ppp]\necho-interval = 30\n", "ppp.echo-interval", "not a duration"),
                row("[ppp]\necho-failures = 0\n", "ppp.echo-failures", "out of range 1..100"),
                row("[ppp]\ndns = 1.1.1.1, dns.google\n", "ppp.dns", "'dns.google' is not an IPv4 address"),
                row("[ppp]\ndns = 1.1.1.1, 8.8.8.8, 9.9.9.9\n", "ppp.dns", "at most two"),
                row("[ppp]\nnbns = 10.0.0.1,\n", "ppp.nbns", "'' is not an IPv4 address"),
                row("[ppp]\nipv6 = 1\n", "ppp.ipv6", "not a boolean"),
                row("[ppp]\nipv6 = true\n[tun]\nmtu = 1200\n", "tun.mtu", "minimum for IPv6"),
                row("[pool]\nipv4 = 10.99.0.0\n", "pool.ipv4", "not in CIDR notation"),
                row("[pool]\nipv4 = 10.99.0.0/33\n", "pool.ipv4", "not a prefix length"),
                row("[pool]\nipv4 = 10.99.0.300/24\n", "pool.ipv4", "is not an IPv4 address"),
                row("[pool]\nipv4 = 10.99.0.1/24\n", "pool.ipv4", "host bits are set; the network is 10.99.0.0/24"),
                row("[pool]\nipv4 = 10.0.0.0/8\ngateway = 10.0.0.1\n", "pool.ipv4", "/8 is out of range /12../30"),
                row("[pool]\nipv4 = 10.99.0.0/31\ngateway = 10.99.1.1\n", "pool.ipv4", "out of range /12../30"),
                row("[pool]\ngateway = 10.99.0.0\n", "pool.gateway", "network or broadcast address"),
                row("[pool]\ngateway = 10.99.0.255\n", "pool.gateway", "network or broadcast address"),
                row("[pool]\ngateway = 0.0.0.0\n", "pool.gateway", "cannot be a host address"),
                row("[pool]\ngateway = 224.0.0.1\n", "pool.gateway", "cannot be a host address"),
                row("[pool]\ngateway = gw\n", "pool.gateway", "not an IPv4 address"),
                row("[tun]\nname = this-name-is-too-long\n", "tun.name", "not an interface name"),
                row("[tun]\nname = tun/0\n", "tun.name", "not an interface name"),
                row("[tun]\nmtu = 575\n", "tun.mtu", "out of range 576..65535"),
                row("[users]\nfile = /nonexistent/users\n", "users.file", "does not exist"),
                row("[control]\nsocket = run/control.sock\n", "control.socket", "not an absolute path"),
                row("[control]\nsocket = /" + "d".repeat(120) + "\n", "control.socket", "longer than 106 bytes"),
                row("[log]\nlevel = verbose\n", "log.level", "'verbose' is not a log level"),
                row("[l2tp]\nnot-a-key = 1\n", "l2tp.not-a-key", "unknown key; known keys in [l2tp]: listen, port"),
                row("[radius]\nserver = 10.0.0.1\n", "[radius]", "unknown section"),
                row("orphan = 1\n", "(none).orphan", "outside any section"));
    }

    private static Arguments row(String ini, String location, String problem) {
        return Arguments.of(ini, location, problem);
    }

    @ParameterizedTest(name = "{1}: {2}")
    @MethodSource("invalid")
    void reportsTheRuleWithFileAndKey(String ini, String location, String problem) {
        ConfigException e = catchThrowableOfType(ConfigException.class,
                () -> ConfigLoader.fromText(Optional.of(ini), FILE, Path.of("/etc/cohort")));

        assertThat(e).as("%s should be rejected", ini).isNotNull();
        assertThat(e.errors()).hasSize(1);
        ConfigError error = e.errors().getFirst();
        assertThat(error.source()).isEqualTo(FILE);
        assertThat(error.location()).isEqualTo(location);
        assertThat(error.problem()).contains(problem);
        assertThat(error.toString()).startsWith(FILE + ": " + location + ": ");
    }

    static Stream<Arguments> valid() {
        return Stream.of(
                Arguments.of("[l2tp]\nlisten = ::\n"),
                Arguments.of("[l2tp]\nlisten = 192.0.2.10\nport = 1\n"),
                Arguments.of("[l2tp]\nhide-avps = yes\nsecret = s3cret\n"),
                Arguments.of("[l2tp]\nhello-interval = 0s\nretransmit-initial = 100ms\nretransmit-max = 8s\n"),
                Arguments.of("[pptp]\nenabled = false\n"
                        + "[ppp]\nauth = pap\ndns = 192.0.2.53, 192.0.2.54\nnbns = 192.0.2.1\necho-interval = 0s\n"),
                Arguments.of("[ppp]\nipv6 = on\n[tun]\nmtu = 1280\n"),
                Arguments.of("[pool]\nipv4 = 172.16.0.0/12\ngateway = 172.16.0.1\n"),
                Arguments.of("[pool]\nipv4 = 192.0.2.0/30\ngateway = 198.51.100.1\n"),
                Arguments.of("[pool]\nipv4 = 10.99.0.0/24\ngateway = 10.99.0.254\n"),
                Arguments.of("[tun]\nname = vpn_0.a-b\nmtu = 576\n"),
                Arguments.of("[limits]\nmax-tunnels = 1\nmax-tunnels-per-peer = 1\nmax-sessions = 1\nmax-sessions-per-tunnel = 1\n"),
                Arguments.of("[log]\nlevel = trace\n"),
                Arguments.of("[pptp]\nencryption = none\n[ppp]\nauth = pap\n"),
                Arguments.of("[pptp]\nlisten = 192.0.2.10\nport = 1723\nmax-connections = 1\n"
                        + "max-calls-per-connection = 1\nsetup-timeout = 1s\necho-interval = 1h\n"),
                Arguments.of("[server]\n[l2tp]\n"));
    }

    @ParameterizedTest
    @MethodSource("valid")
    void accepts(String ini) throws ConfigException {
        assertThat(ConfigLoader.fromText(Optional.of(ini), FILE, Path.of("/etc/cohort"))).isNotNull();
    }
}
