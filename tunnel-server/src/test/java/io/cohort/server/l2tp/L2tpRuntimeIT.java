package io.cohort.server.l2tp;

import static org.assertj.core.api.Assertions.assertThat;

import io.cohort.client.ClientOptions;
import io.cohort.client.ClientSession;
import io.cohort.client.L2tpClient;
import io.cohort.client.PingResult;
import io.cohort.ppp.lcp.AuthMethod;
import io.cohort.server.registry.SessionState;
import io.cohort.server.registry.SessionStatus;
import io.cohort.testbed.Privileges;
import io.cohort.server.registry.TunnelStatus;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real runtime in a server namespace (UDP, TUN, pool route, ip_forward on), the in-repo
 * client (LAC + client-role PPP) in a client namespace behind a veth, and an "inside host" routed
 * behind the server ({@link L2tpServerFixture}): each PPP authentication method gets an address
 * and exchanges ICMP echo with the inside host and with the gateway through the server's TUN.
 */
class L2tpRuntimeIT {
    @TempDir
    Path dir;

    @BeforeEach
    void requireRoot() {
        Privileges.assumeNetworkAdmin();
    }

    @ParameterizedTest
    @EnumSource(AuthMethod.class)
    void eachAuthMethodGetsAnAddressAndReachesTheInsideHost(AuthMethod method) throws Exception {
        try (L2tpServerFixture f = L2tpServerFixture.start(dir, "", "")) {
            ClientOptions options = L2tpServerFixture.clientOptions().withAuthMethods(List.of(method));
            try (L2tpClient client = f.openClient(options);
                 ClientSession session = client.connect()) {
                assertThat(f.pool.cidr().contains(session.address())).isTrue();
                assertThat(session.gateway()).isEqualTo(f.config.pool().gateway());
                assertThat(session.user()).isEqualTo("alice");

                PingResult insideHost = session.ping(L2tpServerFixture.INSIDE_HOST, 3, Duration.ofSeconds(3));
                PingResult gateway = session.ping(f.config.pool().gateway(), 2, Duration.ofSeconds(3));

                assertThat(insideHost.received()).isEqualTo(3);
                assertThat(gateway.received()).isEqualTo(2);
                SessionStatus row = f.registry.sessions().getFirst();
                assertThat(row.user()).contains("alice");
                assertThat(row.address()).contains(session.address());
                assertThat(row.state()).isEqualTo(SessionState.UP);
                assertThat(row.traffic().packetsIn()).isPositive();
                assertThat(row.traffic().packetsOut()).isPositive();
                assertThat(f.registry.tunnelCount()).isEqualTo(1);
                assertThat(f.pool.used()).isEqualTo(1);
            }
            f.stopServer();
            assertThat(f.registry.sessionCount()).isZero();
            assertThat(f.registry.tunnelCount()).isZero();
            assertThat(f.pool.used()).isZero();
            assertThat(f.fatal).isEmpty();
        }
    }

    /**
     * Clients behind one NAT reach the server from one address with distinct source ports: each
     * gets its own tunnel, its own session and address, and its own traffic. One of them also
     * opens a second tunnel, so that one address and port pair is not assumed per peer host.
     */
    @Test
    void severalClientsBehindOneAddressEachGetTheirOwnTunnelAndSession() throws Exception {
        try (L2tpServerFixture f = L2tpServerFixture.start(dir, "", "")) {
            try (L2tpClient first = f.openClient(L2tpServerFixture.clientOptions());
                 L2tpClient second = f.openClient(L2tpServerFixture.clientOptions());
                 L2tpClient third = f.openClient(L2tpServerFixture.clientOptions())) {
                List<ClientSession> sessions = new ArrayList<>();
                sessions.add(first.connect());
                sessions.add(second.connect());
                sessions.addAll(third.connect(2, 1)); // two tunnels of one session each
                try {
                    for (ClientSession s : sessions) {
                        assertThat(s.ping(L2tpServerFixture.INSIDE_HOST, 2, Duration.ofSeconds(3)).received())
                                .as("session at %s", s.address()).isEqualTo(2);
                    }
                    assertThat(sessions).extracting(ClientSession::address).doesNotHaveDuplicates();
                    assertThat(f.registry.tunnelCount()).isEqualTo(4);
                    assertThat(f.registry.sessionCount()).isEqualTo(4);
                    List<InetSocketAddress> peers = f.registry.tunnels().stream().map(TunnelStatus::peer).toList();
                    assertThat(peers).extracting(p -> p.getAddress().getHostAddress()).containsOnly("192.0.2.2");
                    assertThat(peers.stream().map(InetSocketAddress::getPort).distinct()).hasSize(3);
                } finally {
                    for (ClientSession s : sessions) {
                        s.close();
                    }
                }
            }
            assertThat(f.fatal).isEmpty();
        }
    }
}
