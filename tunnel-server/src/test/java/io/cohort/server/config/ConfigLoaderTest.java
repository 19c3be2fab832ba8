package io.cohort.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.cohort.server.inet.Ipv4Literal;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ConfigLoaderTest {
    @TempDir
    Path dir;

    @Test
    void embeddedDefaultLoadsWithTheDocumentedValues() {
        CohortConfig c = ConfigLoader.embeddedDefault();

        assertThat(c.server().hostname()).isEqualTo("cohort");
        assertThat(c.l2tp().listen().getHostAddress()).isEqualTo("0.0.0.0");
        assertThat(c.l2tp().port()).isEqualTo(1701);
        assertThat(c.l2tp().secret().isPresent()).isFalse();
        assertThat(c.l2tp().hideAvps()).isFalse();
        assertThat(c.l2tp().receiveWindow()).isEqualTo(8);
        assertThat(c.l2tp().retransmitInitial()).isEqualTo(Duration.ofSeconds(1));
        assertThat(c.l2tp().retransmitMax()).isEqualTo(Duration.ofSeconds(8));
        assertThat(c.l2tp().retransmitAttempts()).isEqualTo(5);
        assertThat(c.l2tp().helloInterval()).contains(Duration.ofSeconds(60));
        assertThat(c.limits()).isEqualTo(new LimitsSection(1000, 16, 10000, 256));
        assertThat(c.ppp().auth()).containsExactly(AuthMethod.MSCHAPV2, AuthMethod.CHAP_MD5);
        assertThat(c.ppp().mru()).isEqualTo(1400);
        assertThat(c.ppp().echoInterval()).isEqualTo(Duration.ofSeconds(30));
        assertThat(c.ppp().echoFailures()).isEqualTo(3);
        assertThat(c.ppp().dns()).isEmpty();
        assertThat(c.ppp().nbns()).isEmpty();
        assertThat(c.ppp().ipv6()).isFalse();
        assertThat(c.pool().ipv4()).hasToString("10.99.0.0/24");
        assertThat(c.pool().gateway().getHostAddress()).isEqualTo("10.99.0.1");
        assertThat(c.tun()).isEqualTo(new TunSection("cohort0", 1400));
        assertThat(c.users().file()).isEmpty();
        assertThat(c.control().socket()).isEqualTo(Path.of("/run/cohort/control.sock"));
        assertThat(c.cluster()).isEqualTo(new ClusterSection(false, "", Optional.empty(), 7400,
                ClusterTransportMode.MULTICAST, Optional.of(ip("239.192.74.1")), "", Optional.empty(), List.of(),
                Path.of("/etc/cohort/cluster"), 1, Duration.ofMillis(200), 3_024_000, 2, 20,
                Path.of("/var/lib/cohort"), false));
        assertThat(c.cluster().fetchedConfiguration()).isEqualTo(Path.of("/var/lib/cohort/cluster.ini"));
        assertThat(c.log().level()).isEqualTo(LogLevel.INFO);
    }

    static Stream<Arguments> clusterMembers() {
        String common = """
                [cluster]
                enabled = true
                name = edge-1.example
                port = 7401
                pki-dir = /srv/cohort/pki
                config-version = 4611686018427387904
                watchdog = 500ms
                horizon = 3600.5
                min-losses = 3
                max-losses = 30
                state-dir = /srv/cohort/state
                assign-all-units = true
                """;
        return Stream.of(
                Arguments.of(common + "address = 192.0.2.10\ntransport = multicast\ngroup = 239.1.2.3\n"
                        + "interface = eth1\n",
                        new ClusterSection(true, "edge-1.example", Optional.of(ip("192.0.2.10")), 7401,
                                ClusterTransportMode.MULTICAST, Optional.of(ip("239.1.2.3")), "eth1", Optional.empty(),
                                List.of(), Path.of("/srv/cohort/pki"), 1L << 62, Duration.ofMillis(500), 3600.5, 3,
                                30, Path.of("/srv/cohort/state"), true)),
                Arguments.of(common + "address = 192.0.2.10\ntransport = Broadcast\nbroadcast = 192.0.2.255\n",
                        new ClusterSection(true, "edge-1.example", Optional.of(ip("192.0.2.10")), 7401,
                                ClusterTransportMode.BROADCAST, Optional.of(ip("239.192.74.1")), "",
                                Optional.of(ip("192.0.2.255")), List.of(), Path.of("/srv/cohort/pki"), 1L << 62,
                                Duration.ofMillis(500), 3600.5, 3, 30, Path.of("/srv/cohort/state"), true)),
                Arguments.of(common + "address = 2001:db8::10\ntransport = static\ngroup =\n"
                        + "peers = [2001:db8::10]:7401, [2001:db8::11]:7401, 192.0.2.12:7402\n",
                        new ClusterSection(true, "edge-1.example", Optional.of(ip("2001:db8::10")), 7401,
                                ClusterTransportMode.STATIC, Optional.empty(), "", Optional.empty(),
                                List.of(new InetSocketAddress(ip("2001:db8::10"), 7401),
                                        new InetSocketAddress(ip("2001:db8::11"), 7401),
                                        new InetSocketAddress(ip("192.0.2.12"), 7402)),
                                Path.of("/srv/cohort/pki"), 1L << 62, Duration.ofMillis(500), 3600.5, 3, 30,
                                Path.of("/srv/cohort/state"), true)));
    }

    @ParameterizedTest
    @MethodSource("clusterMembers")
    void readsAClusterMemberForEachTransport(String ini, ClusterSection expected) throws Exception {
        Path file = write("cohort.ini", ini);

        assertThat(ConfigLoader.load(Optional.of(file)).cluster()).isEqualTo(expected);
    }

    @Test
    void enablingTheClusterAloneReportsEveryMissingKeyAgainstTheOperatorsFile() throws Exception {
        Path file = write("cohort.ini", "[cluster]\nenabled = true\n");

        ConfigException e = catchThrowableOfType(ConfigException.class, () -> ConfigLoader.load(Optional.of(file)));

        assertThat(e.errors()).extracting(ConfigError::location)
                .containsExactly("cluster.name", "cluster.address", "cluster.interface");
        assertThat(e.errors()).allSatisfy(err -> assertThat(err.source()).isEqualTo(file.toString()));
    }

    @Test
    void fileOverridesDefaultsKeyByKey() throws Exception {
        Path file = write("cohort.ini", """
                # operator file
                [l2tp]
                port = 1702
                secret = "topsecret; with # signs"
                [ppp]
                auth = pap, mschapv2
                dns = 192.0.2.53, 192.0.2.54
                ipv6 = true
                """);

        CohortConfig c = ConfigLoader.load(Optional.of(file));

        assertThat(c.l2tp().port()).isEqualTo(1702);
        assertThat(c.l2tp().secret()).isEqualTo(Secret.of("topsecret; with # signs"));
        assertThat(c.l2tp().receiveWindow()).as("untouched key keeps its default").isEqualTo(8);
        assertThat(c.ppp().auth()).containsExactly(AuthMethod.PAP, AuthMethod.MSCHAPV2);
        assertThat(c.ppp().dns()).containsExactly(Ipv4Literal.parse("192.0.2.53").orElseThrow(),
                Ipv4Literal.parse("192.0.2.54").orElseThrow());
        assertThat(c.ppp().ipv6()).isTrue();
        assertThat(c.tun().name()).isEqualTo("cohort0");
    }

    @Test
    void inlineCommentsAndBlanksAroundValuesAreIgnored() throws Exception {
        Path file = write("cohort.ini", "[l2tp]\nport =   1702   ; the test port\n[tun]\nname = tun7 # comment\n");

        CohortConfig c = ConfigLoader.load(Optional.of(file));

        assertThat(c.l2tp().port()).isEqualTo(1702);
        assertThat(c.tun().name()).isEqualTo("tun7");
    }

    @Test
    void relativeUsersFileIsResolvedAgainstTheConfigurationFilesDirectory() throws Exception {
        write("users", "alice secret\n");
        Path file = write("cohort.ini", "[users]\nfile = users\n");

        assertThat(ConfigLoader.load(Optional.of(file)).users().file()).contains(dir.resolve("users"));
    }

    @Test
    void reportsEveryErrorTogetherInFileOrder() throws Exception {
        Path file = write("bad.ini", """
                [l2tp]
                port = 99999
                receive-window = none
                [tun]
                mtu = 1
                [log]
                level = loud
                """);

        ConfigException e = catchThrowableOfType(ConfigException.class, () -> ConfigLoader.load(Optional.of(file)));

        assertThat(e.errors()).extracting(ConfigError::location)
                .containsExactly("l2tp.port", "l2tp.receive-window", "tun.mtu", "log.level");
        assertThat(e.errors()).allSatisfy(err -> assertThat(err.source()).isEqualTo(file.toString()));
        assertThat(e.getMessage()).contains("4 configuration error(s)", "l2tp.port", "log.level");
    }

    @Test
    void neverQuotesTheSecretInErrors() throws Exception {
        Path file = write("bad.ini", "[l2tp]\nsecret = hunter2-very-secret\nsecret = other-secret\n");

        ConfigException e = catchThrowableOfType(ConfigException.class, () -> ConfigLoader.load(Optional.of(file)));

        assertThat(e.errors()).extracting(ConfigError::location).containsExactly("l2tp.secret");
        assertThat(e.getMessage()).doesNotContain("hunter2", "other-secret");
    }

    @Test
    void configurationToStringDoesNotShowTheSecret() throws Exception {
        Path file = write("cohort.ini", "[l2tp]\nsecret = hunter2\n");

        CohortConfig c = ConfigLoader.load(Optional.of(file));

        assertThat(c.toString()).doesNotContain("hunter2").contains("Secret[set]");
    }

    @Test
    void missingFileIsOneErrorNamingIt() {
        Path missing = dir.resolve("absent.ini");

        ConfigException e = catchThrowableOfType(ConfigException.class, () -> ConfigLoader.load(Optional.of(missing)));

        assertThat(e.errors()).containsExactly(new ConfigError(missing.toString(), "", "", "no such file"));
        assertThat(e.errors().getFirst()).hasToString(missing + ": (file): no such file");
    }

    @Test
    void emptyFileMeansAllDefaults() throws Exception {
        Path file = write("empty.ini", "");

        assertThat(ConfigLoader.load(Optional.of(file))).isEqualTo(ConfigLoader.embeddedDefault());
    }

    @Test
    void configExceptionNeedsAnError() {
        assertThatThrownBy(() -> new ConfigException(List.of())).isInstanceOf(IllegalArgumentException.class);
    }

    private static InetAddress ip(String literal) {
        return AddressLiteral.ip(literal).orElseThrow();
    }

    private Path write(String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, text);
        return p;
    }
}
