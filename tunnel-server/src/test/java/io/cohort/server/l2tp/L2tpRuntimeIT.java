package io.cohort.server.l2tp;

import static org.assertj.core.api.Assertions.assertThat;

import io.cohort.client.ClientOptions;
import io.cohort.client.ClientSession;
import io.cohort.client.L2tpClient;
import io.cohort.client.PingResult;
import io.cohort.ppp.lcp.AuthMethod;
import io.cohort.server.config.CohortConfig;
import io.cohort.server.config.ConfigLoader;
import io.cohort.server.inet.Ipv4Literal;
import io.cohort.server.pool.Ipv4Pool;
import io.cohort.server.registry.SessionRegistry;
import io.cohort.server.registry.SessionState;
import io.cohort.server.registry.SessionStatus;
import io.cohort.server.runtime.ServerContext;
import io.cohort.telemetry.Counters;
import io.cohort.testbed.Netns;
import io.cohort.testbed.Privileges;
import io.cohort.testbed.TestNetwork;
import io.cohort.time.Clock;
import java.net.Inet4Address;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real runtime in a server namespace (UDP, TUN, pool route, ip_forward on), the in-repo
 * client (LAC + client-role PPP) in a client namespace behind a veth, and an "inside host" routed
 * behind the server: each PPP authentication method gets an address and exchanges ICMP echo
 * with the inside host and with the gateway through the server's TUN.
 */
class L2tpRuntimeIT {
    private static final Inet4Address INSIDE_HOST = Ipv4Literal.parse("198.51.100.2").orElseThrow();
    private static final InetSocketAddress LNS = new InetSocketAddress("192.0.2.1", 1701);

    @TempDir
    Path dir;

    @BeforeEach
    void requireRoot() {
        Privileges.assumeNetworkAdmin();
    }

    @ParameterizedTest
    @EnumSource(AuthMethod.class)
    void eachAuthMethodGetsAnAddressAndReachesTheInsideHost(AuthMethod method) throws Exception {
        try (TestNetwork net = TestNetwork.create()) {
            Netns server = net.namespace("lns");
            Netns lac = net.namespace("lac");
            Netns inside = net.namespace("host");
            net.veth(lac, "v-lac", server, "v-lns");
            lac.addAddress("v-lac", "192.0.2.2/24");
            server.addAddress("v-lns", "192.0.2.1/24");
            lac.linkUp("v-lac");
            server.linkUp("v-lns");
            net.veth(server, "v-in", inside, "v-host");
            server.addAddress("v-in", "198.51.100.1/24");
            inside.addAddress("v-host", "198.51.100.2/24");
            server.linkUp("v-in");
            inside.linkUp("v-host");
            inside.addRoute("10.99.0.0/24", "198.51.100.1");
            server.enableForwarding();

            CohortConfig config = config();
            Ipv4Pool pool = new Ipv4Pool(config.pool().ipv4(), config.pool().gateway());
            SessionRegistry registry = new SessionRegistry(InstantSource.system());
            List<Throwable> fatal = new CopyOnWriteArrayList<>();
            ServerContext context = new ServerContext(config, pool, registry, new Counters(), Clock.system(),
                    InstantSource.system(), false, fatal::add);
            L2tpRuntime runtime = server.runInside(() -> {
                L2tpRuntime r = new L2tpRuntime(context);
                r.start();
                return r;
            });
            try {
                ClientOptions options = ClientOptions.of(LNS, "alice", "wonderland").withAuthMethods(List.of(method));
                try (L2tpClient client = lac.runInside(() -> L2tpClient.open(options));
                     ClientSession session = client.connect()) {
                    assertThat(pool.cidr().contains(session.address())).isTrue();
                    assertThat(session.gateway()).isEqualTo(config.pool().gateway());
                    assertThat(session.user()).isEqualTo("alice");

                    PingResult insideHost = session.ping(INSIDE_HOST, 3, Duration.ofSeconds(3));
                    PingResult gateway = session.ping(config.pool().gateway(), 2, Duration.ofSeconds(3));

                    assertThat(insideHost.received()).isEqualTo(3);
                    assertThat(gateway.received()).isEqualTo(2);
                    SessionStatus row = registry.sessions().getFirst();
                    assertThat(row.user()).contains("alice");
                    assertThat(row.address()).contains(session.address());
                    assertThat(row.state()).isEqualTo(SessionState.UP);
                    assertThat(row.traffic().packetsIn()).isPositive();
                    assertThat(row.traffic().packetsOut()).isPositive();
                    assertThat(registry.tunnelCount()).isEqualTo(1);
                    assertThat(pool.used()).isEqualTo(1);
                }
            } finally {
                runtime.stop();
            }
            assertThat(registry.sessionCount()).isZero();
            assertThat(registry.tunnelCount()).isZero();
            assertThat(pool.used()).isZero();
            assertThat(fatal).isEmpty();
        }
    }

    private CohortConfig config() throws Exception {
        Path users = dir.resolve("users");
        Files.writeString(users, "alice:clear:wonderland\n");
        Path ini = dir.resolve("cohort.ini");
        Files.writeString(ini, """
                [l2tp]
                listen = 192.0.2.1
                port = 1701
                [ppp]
                auth = mschapv2, chap-md5, pap
                echo-interval = 0s
                [pool]
                ipv4 = 10.99.0.0/24
                gateway = 10.99.0.1
                [tun]
                name = cohortit0
                [users]
                file = %s
                [control]
                socket = %s
                """.formatted(users, dir.resolve("control.sock")));
        return ConfigLoader.load(Optional.of(ini));
    }
}
