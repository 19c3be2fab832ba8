package io.cohort.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
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
                row(cluster("name ="), "cluster.name", "is required when cluster.enabled = true"),
                row(cluster("address ="), "cluster.address", "is required when cluster.enabled = true"),
                row(cluster("interface ="), "cluster.interface", "is required when cluster.transport = multicast"),
                row(cluster("group ="), "cluster.group", "is required when cluster.transport = multicast"),
                row(cluster("transport = broadcast"), "cluster.broadcast",
                        "is required when cluster.transport = broadcast"),
                row(cluster("transport = static"), "cluster.peers", "is required when cluster.transport = static"),
                row(cluster("transport = static", "peers = 192.0.2.10:7400"), "cluster.peers",
                        "lists only this member (192.0.2.10:7400); list at least one other member"),
                row(cluster("address = 2001:db8::10", "transport = static", "peers = [2001:db8:0::10]:7400"),
                        "cluster.peers", "lists only this member ([2001:db8:0:0:0:0:0:10]:7400)"),
                row("[cluster]\nenabled = perhaps\n", "cluster.enabled", "not a boolean"),
                row("[steering]\nmode = anycast\n", "steering.mode", "'anycast' is not a steering mode"),
                row("[steering]\nmode = unicast\naddress = 10.77.0.100\ninterface = eth0\n", "steering.mode",
                        "needs a cluster: set [cluster] enabled = true"),
                row(cluster() + "[steering]\nmode = forwarding\ninterface = eth0\n", "steering.address",
                        "is required with a steering mode"),
                row(cluster() + "[steering]\nmode = forwarding\naddress = 10.77.0.100\n", "steering.interface",
                        "is required with a steering mode"),
                row("[steering]\naddress = 224.0.0.5\n", "steering.address", "cannot be the cluster IP"),
                row("[steering]\naddress = cluster.example\n", "steering.address", "is not an IPv4 address"),
                row("[steering]\ninterface = eth/0\n", "steering.interface", "is not an interface name"),
                row("[steering]\nmac = 02:bf:0a\n", "steering.mac", "is not a MAC address"),
                row("[inside]\ninterface = eth/1\n", "inside.interface", "is not an interface name"),
                row("[inside]\ninterface = cohort0\n", "inside.interface", "is the TUN interface"),
                row(cluster() + "[steering]\nmode = forwarding\naddress = 10.77.0.100\ninterface = eth0\n"
                        + "mac = 02:bf:0a:4d:00:64\n", "steering.mac", "is not used with mode = forwarding"),
                row(cluster() + "[steering]\nmode = unicast\naddress = 10.77.0.100\ninterface = eth0\n"
                        + "mac = 03:bf:0a:4d:00:64\n", "steering.mac", "is a multicast MAC"),
                row(cluster() + "[steering]\nmode = multicast\naddress = 10.77.0.100\ninterface = eth0\n"
                        + "mac = 02:bf:0a:4d:00:64\n", "steering.mac", "is a unicast MAC"),
                row("[cluster]\nname = -a\n", "cluster.name", "'-a' is not a member name"),
                row("[cluster]\nname = " + "a".repeat(65) + "\n", "cluster.name", "is not a member name"),
                row("[cluster]\nname = a b\n", "cluster.name", "is not a member name"),
                row("[cluster]\naddress = member.example\n", "cluster.address", "not an IP address literal"),
                row("[cluster]\naddress = 0.0.0.0\n", "cluster.address", "cannot be a member's address"),
                row("[cluster]\naddress = 239.1.1.1\n", "cluster.address", "cannot be a member's address"),
                row("[cluster]\nport = 0\n", "cluster.port", "out of range 1..65535"),
                row("[cluster]\ntransport = gossip\n", "cluster.transport", "'gossip' is not a cluster transport"),
                row("[cluster]\ngroup = 192.0.2.1\n", "cluster.group", "is not an IPv4 multicast address"),
                row("[cluster]\ngroup = ff02::1\n", "cluster.group", "is not an IPv4 multicast address"),
                row("[cluster]\ngroup = mcast.example\n", "cluster.group", "not an IP address literal"),
                row("[cluster]\ninterface = eth0/1\n", "cluster.interface", "not an interface name"),
                row("[cluster]\nbroadcast = 2001:db8::ff\n", "cluster.broadcast", "IPv6 has no broadcast"),
                row("[cluster]\nbroadcast = bcast\n", "cluster.broadcast", "not an IP address literal"),
                row("[cluster]\npeers = 192.0.2.11\n", "cluster.peers", "'192.0.2.11' is not an ADDRESS:PORT"),
                row("[cluster]\npeers = 192.0.2.11:0\n", "cluster.peers", "is not an ADDRESS:PORT"),
                row("[cluster]\npeers = 192.0.2.11:65536\n", "cluster.peers", "is not an ADDRESS:PORT"),
                row("[cluster]\npeers = 192.0.2.11:07400\n", "cluster.peers", "is not an ADDRESS:PORT"),
                row("[cluster]\npeers = 2001:db8::11:7400\n", "cluster.peers", "is not an ADDRESS:PORT"),
                row("[cluster]\npeers = [192.0.2.11]:7400\n", "cluster.peers", "is not an ADDRESS:PORT"),
                row("[cluster]\npeers = member.example:7400\n", "cluster.peers", "is not an ADDRESS:PORT"),
                row("[cluster]\npeers = 192.0.2.11:7400,\n", "cluster.peers", "'' is not an ADDRESS:PORT"),
                row("[cluster]\npeers = 192.0.2.11:7400, 192.0.2.11:7400\n", "cluster.peers", "listed twice"),
                row("[cluster]\npeers = 224.0.0.1:7400\n", "cluster.peers", "cannot be a member's address"),
                row("[cluster]\npki-dir = cluster\n", "cluster.pki-dir", "'cluster' is not an absolute path"),
                row("[cluster]\nstate-dir =\n", "cluster.state-dir", "'' is not an absolute path"),
                row("[cluster]\nconfig-version = -1\n", "cluster.config-version",
                        "out of range 0..4611686018427387904"),
                row("[cluster]\nconfig-version = 4611686018427387905\n", "cluster.config-version", "out of range"),
                row("[cluster]\nconfig-version = 1.5\n", "cluster.config-version", "not a whole number"),
                row("[cluster]\nwatchdog = 19ms\n", "cluster.watchdog", "out of range 20ms..10s"),
                row("[cluster]\nwatchdog = 11s\n", "cluster.watchdog", "out of range 20ms..10s"),
                row("[cluster]\nwatchdog = 200\n", "cluster.watchdog", "not a duration"),
                row("[cluster]\nhorizon = 1\n", "cluster.horizon", "1 is out of range: more than 1, at most 1000000000000"),
                row("[cluster]\nhorizon = 1000000000000.5\n", "cluster.horizon", "out of range"),
                row("[cluster]\nhorizon = 1e6\n", "cluster.horizon", "'1e6' is not a number"),
                row("[cluster]\nhorizon = -3600\n", "cluster.horizon", "is not a number"),
                row("[cluster]\nhorizon = NaN\n", "cluster.horizon", "is not a number"),
                row("[cluster]\nhorizon = 3600.\n", "cluster.horizon", "is not a number"),
                row("[cluster]\nmin-losses = 0\n", "cluster.min-losses", "out of range 1..255"),
                row("[cluster]\nmax-losses = 256\n", "cluster.max-losses", "out of range 1..255"),
                row("[cluster]\nmin-losses = 5\nmax-losses = 4\n", "cluster.max-losses",
                        "4 is less than the smallest n (5)"),
                row("[cluster]\nwatchdog = 20ms\nmax-losses = 20\n", "cluster.max-losses",
                        "must be at least 1ms, so at most 19"),
                row("[log]\nlevel = verbose\n", "log.level", "'verbose' is not a log level"),
                // A value that does not parse is reported alone: rules that would read its stand-in are not.
                row("[limits]\nmax-tunnels = lots\nmax-tunnels-per-peer = 5000\n", "limits.max-tunnels",
                        "'lots' is not a whole number"),
                row(cluster("transport = gossip", "interface ="), "cluster.transport", "is not a cluster transport"),
                row("[cluster]\nmin-losses = few\nmax-losses = 1\n", "cluster.min-losses", "'few' is not a whole number"),
                row("[l2tp]\nretransmit-initial = soon\nretransmit-max = 8s\n", "l2tp.retransmit-initial",
                        "not a duration"),
                row("[pptp]\nenabled = yes\n[ppp]\nauth = chap-md5, eap\n", "ppp.auth", "'eap' is not"),
                // A rejected section is left out of the rules that tie sections together.
                row(cluster("name = -a") + "[steering]\nmode = forwarding\naddress = 10.77.0.100\ninterface = eth0\n",
                        "cluster.name", "is not a member name"),
                row("[l2tp]\nnot-a-key = 1\n", "l2tp.not-a-key", "unknown key; known keys in [l2tp]: listen, port"),
                row("[radius]\nserver = 10.0.0.1\n", "[radius]", "unknown section"),
                row("orphan = 1\n", "(none).orphan", "outside any section"));
    }

    /**
     * An enabled multicast member (valid as it is) with {@code overrides} ({@code "key = value"})
     * replacing or adding keys, so that each row breaks exactly one rule.
     */
    static String cluster(String... overrides) {
        Map<String, String> keys = new LinkedHashMap<>();
        keys.put("enabled", "true");
        keys.put("name", "a1");
        keys.put("address", "192.0.2.10");
        keys.put("interface", "eth0");
        for (String line : overrides) {
            int eq = line.indexOf('=');
            keys.put(line.substring(0, eq).strip(), line.substring(eq + 1).strip());
        }
        StringBuilder ini = new StringBuilder("[cluster]\n");
        keys.forEach((k, v) -> ini.append(k).append(" = ").append(v).append('\n'));
        return ini.toString();
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
                Arguments.of("[cluster]\nenabled = false\ntransport = static\ngroup =\n"),
                Arguments.of("[cluster]\nname = " + "Z".repeat(64) + "\naddress = 2001:db8::1\n"),
                Arguments.of(cluster()),
                Arguments.of(cluster("transport = broadcast", "broadcast = 192.0.2.255", "interface =", "group =")),
                Arguments.of(cluster("transport = static", "interface =",
                        "peers = 192.0.2.10:7400, 192.0.2.11:7400, [2001:db8::12]:7401")),
                Arguments.of(cluster("address = 2001:db8::10", "transport = static",
                        "peers = [2001:db8::10]:7400, [2001:db8::11]:7400")),
                Arguments.of(cluster("address = 127.0.0.1", "transport = static",
                        "peers = 127.0.0.1:7400, 127.0.0.1:7401")),
                Arguments.of(cluster("name = node-1.dc_2", "port = 65535", "group = 224.0.0.251", "config-version = 0")),
                Arguments.of("[cluster]\nconfig-version = 4611686018427387904\nhorizon = 1000000000000\n"),
                Arguments.of("[cluster]\nhorizon = 1.0001\n"),
                Arguments.of("[cluster]\nhorizon = 3600.5\n"),
                Arguments.of("[cluster]\nwatchdog = 20ms\nmin-losses = 1\nmax-losses = 19\n"),
                Arguments.of("[cluster]\nwatchdog = 10s\nmin-losses = 255\nmax-losses = 255\n"),
                Arguments.of(cluster() + "[steering]\nmode = forwarding\naddress = 10.77.0.100\ninterface = eth0\n"),
                Arguments.of(cluster() + "[steering]\nmode = unicast\naddress = 10.77.0.100\ninterface = eth0\n"
                        + "mac = 02:BF:0A:4D:00:64\n"),
                Arguments.of(cluster() + "[steering]\nmode = multicast\naddress = 10.77.0.100\ninterface = eth0\n"
                        + "mac = 03:bf:0a:4d:00:64\n"),
                Arguments.of("[steering]\nmode = none\naddress = 10.77.0.100\n"),
                Arguments.of("[inside]\ninterface = eth1\n"),
                Arguments.of("[inside]\ninterface =\n"),
                Arguments.of("[server]\n[l2tp]\n"));
    }

    @Test
    void aSteeringSectionReadsAsTheModeTheClusterIpTheInterfaceAndALowerCaseMac() throws ConfigException {
        SteeringSection s = ConfigLoader.fromText(Optional.of(cluster() + "[steering]\nmode = Unicast\n"
                + "address = 10.77.0.100\ninterface = eth1\nmac = 02:BF:0A:4D:00:64\n"), FILE, Path.of("/etc/cohort"))
                .steering();

        assertThat(s.mode()).contains(io.cohort.steering.SteeringMode.UNICAST);
        assertThat(s.address()).map(a -> a.getHostAddress()).contains("10.77.0.100");
        assertThat(s.interfaceName()).isEqualTo("eth1");
        assertThat(s.mac()).contains("02:bf:0a:4d:00:64");
        assertThat(ConfigLoader.embeddedDefault().steering().enabled()).isFalse();
    }

    @Test
    void anInsideSectionNamesTheInsideInterfaceAndIsOffWhenItIsEmpty() throws ConfigException {
        InsideSection inside = ConfigLoader.fromText(Optional.of("[inside]\ninterface = eth1\n"), FILE,
                Path.of("/etc/cohort")).inside();

        assertThat(inside.interfaceName()).contains("eth1");
        assertThat(inside.enabled()).isTrue();
        assertThat(ConfigLoader.embeddedDefault().inside().enabled()).isFalse();
    }

    @ParameterizedTest
    @MethodSource("valid")
    void accepts(String ini) throws ConfigException {
        assertThat(ConfigLoader.fromText(Optional.of(ini), FILE, Path.of("/etc/cohort"))).isNotNull();
    }
}
