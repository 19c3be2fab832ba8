package io.cohort.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.cohort.ppp.lcp.AuthMethod;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The client against {@link TestLns} over loopback UDP, real time. */
class L2tpClientTest {

    private static ClientOptions options(TestLns lns, String password) {
        return ClientOptions.of(lns.address(), TestLns.USER, password);
    }

    @ParameterizedTest
    @EnumSource(AuthMethod.class)
    void connectsWithEachMethodAndPings(AuthMethod method) throws Exception {
        try (TestLns lns = TestLns.start(method);
             L2tpClient client = L2tpClient.open(options(lns, TestLns.PASSWORD))) {
            ClientSession s = client.connect();

            assertThat(s.authMethod()).isEqualTo(TunnelledSession.methodName(method));
            assertThat(s.user()).isEqualTo(TestLns.USER);
            assertThat(s.gateway()).isEqualTo(TestLns.GATEWAY);
            assertThat(s.address().getHostAddress()).startsWith("10.100.");

            PingResult ping = s.ping(s.gateway(), 3, Duration.ofSeconds(2));
            assertThat(ping.sent()).isEqualTo(3);
            assertThat(ping.received()).isEqualTo(3);
            assertThat(ping.roundTrips()).allSatisfy(rtt -> assertThat(rtt).isPositive());
            assertThat(s.packetsOut()).isEqualTo(3);
            assertThat(s.packetsIn()).isEqualTo(3);
            assertThat(s.bytesIn()).isEqualTo(3L * (20 + 8 + 56));
            s.close();
        }
    }

    @Test
    void wrongPasswordIsRefusedWithTheReason() throws Exception {
        try (TestLns lns = TestLns.start(AuthMethod.PAP);
             L2tpClient client = L2tpClient.open(options(lns, "not the password"))) {
            assertThatThrownBy(client::connect).isInstanceOf(SessionSetupException.class)
                    .hasMessageContaining("PAP refused");
        }
    }

    @Test
    void wrongPasswordWithMsChapV2IsRefused() throws Exception {
        try (TestLns lns = TestLns.start(AuthMethod.MSCHAP_V2);
             L2tpClient client = L2tpClient.open(options(lns, "not the password"))) {
            assertThatThrownBy(client::connect).isInstanceOf(SessionSetupException.class)
                    .hasMessageContaining("CHAP refused");
        }
    }

    @Test
    void tunnelSecretWithHiddenAvps() throws Exception {
        byte[] secret = "tunnel secret".getBytes(StandardCharsets.UTF_8);
        try (TestLns lns = TestLns.startWithSecret(AuthMethod.CHAP_MD5, secret, true);
             L2tpClient client = L2tpClient.open(options(lns, TestLns.PASSWORD).withTunnelSecret(secret, true))) {
            ClientSession s = client.connect();
            assertThat(s.ping(s.gateway(), 1, Duration.ofSeconds(2)).received()).isEqualTo(1);
            assertThat(client.counters().get("l2tp.rx.malformed.hidden_avp")).isZero();
        }
    }

    @Test
    void wrongTunnelSecretFailsTheSetup() throws Exception {
        try (TestLns lns = TestLns.startWithSecret(AuthMethod.PAP, "right".getBytes(StandardCharsets.UTF_8), false);
             L2tpClient client = L2tpClient.open(options(lns, TestLns.PASSWORD)
                     .withTunnelSecret("wrong".getBytes(StandardCharsets.UTF_8), false)
                     .withSetupTimeout(Duration.ofSeconds(5)))) {
            assertThatThrownBy(client::connect).isInstanceOf(SessionSetupException.class)
                    .hasMessageContaining("tunnel down");
        }
    }

    @Test
    void noServerTimesOut() throws Exception {
        ClientOptions o;
        try (TestLns lns = TestLns.start(AuthMethod.PAP)) {
            o = options(lns, TestLns.PASSWORD).withSetupTimeout(Duration.ofMillis(300));
        } // closed: nobody answers on that port any more
        try (L2tpClient client = L2tpClient.open(o)) {
            assertThatThrownBy(client::connect).isInstanceOf(java.util.concurrent.TimeoutException.class)
                    .hasMessageContaining("0 of 1 sessions up");
        }
    }

    @Test
    void twoHundredSessionsOverTwentyTunnels() throws Exception {
        try (TestLns lns = TestLns.start(AuthMethod.MSCHAP_V2);
             L2tpClient client = L2tpClient.open(options(lns, TestLns.PASSWORD))) {
            List<ClientSession> sessions = client.connect(200, 10);

            assertThat(sessions).hasSize(200);
            assertThat(sessions.stream().map(ClientSession::address).distinct()).hasSize(200);
            // The client's IPCP can open a moment before the LNS thread has taken the client's
            // last Configure-Ack; the pings below need the LNS side up.
            assertThat(await().atMost(Duration.ofSeconds(5)).until(lns.sessionsUp::get, up -> up >= 200))
                    .isEqualTo(200);
            List<CompletableFuture<PingResult>> pings = sessions.stream()
                    .map(s -> CompletableFuture.supplyAsync(() -> s.ping(s.gateway(), 1, Duration.ofSeconds(5))))
                    .toList();
            for (CompletableFuture<PingResult> p : pings) {
                assertThat(p.get(10, TimeUnit.SECONDS).received()).isEqualTo(1);
            }
        }
    }

    @Test
    void optionsNeverShowThePassword() {
        ClientOptions o = ClientOptions.of(new java.net.InetSocketAddress("127.0.0.1", 1701), "bob", "s3cret!")
                .withTunnelSecret("tsecret".getBytes(StandardCharsets.UTF_8), true);
        assertThat(o.toString()).contains("bob").doesNotContain("s3cret!").doesNotContain("tsecret");
    }
}
