package io.cohort.client.pptp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cohort.client.ClientOptions;
import io.cohort.client.ClientSession;
import io.cohort.client.IcmpEcho;
import io.cohort.client.PingResult;
import io.cohort.client.SessionSetupException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The PPTP client against {@link TestPac}: real TCP on loopback, GRE over an in-memory wire, real time. */
class PptpClientTest {

    private static ClientOptions options(TestPac pac, String password) throws IOException {
        return ClientOptions.of(pac.address(), TestPac.USER, password).withSetupTimeout(Duration.ofSeconds(10));
    }

    @Test
    void connectsWithMsChapV2AndMppeAndPings() throws Exception {
        try (TestPac pac = new TestPac();
             PptpClient client = PptpClient.open(options(pac, TestPac.PASSWORD), pac.gre())) {
            ClientSession s = client.connect();

            assertThat(s.authMethod()).isEqualTo("MS-CHAPv2");
            assertThat(s.user()).isEqualTo(TestPac.USER);
            assertThat(s.gateway()).isEqualTo(TestPac.GATEWAY);
            assertThat(s.address().getHostAddress()).startsWith("10.100.");
            assertThat(client.counters().get("ppp.ccp.opened")).isEqualTo(1);

            PingResult ping = s.ping(s.gateway(), 3, Duration.ofSeconds(2));
            assertThat(ping.received()).isEqualTo(3);
            assertThat(s.packetsOut()).isEqualTo(3);
            assertThat(s.packetsIn()).isEqualTo(3);
            assertThat(s.bytesIn()).isEqualTo(3L * (20 + 8 + 56));

            s.close();
            assertThat(pac.callsDown(1)).hasSize(1);
        }
    }

    @Test
    void twoCallsShareOneControlConnection() throws Exception {
        try (TestPac pac = new TestPac();
             PptpClient client = PptpClient.open(options(pac, TestPac.PASSWORD), pac.gre())) {
            ClientSession a = client.connect();
            ClientSession b = client.connect();

            assertThat(a.address()).isNotEqualTo(b.address());
            assertThat(a.ping(a.gateway(), 2, Duration.ofSeconds(2)).received()).isEqualTo(2);
            assertThat(b.ping(b.gateway(), 2, Duration.ofSeconds(2)).received()).isEqualTo(2);
            assertThat(client.counters().get("pptp.pns.established")).isEqualTo(1);
            a.close();
            b.close();
            assertThat(pac.callsDown(2)).hasSize(2);
            assertThat(client.counters().get("pptp.client.gre.rx.before_call_up")).isZero();
        }
    }

    @Test
    void aBatchOfCallsComesUpAtOnceAndCarriesBatchedPackets() throws Exception {
        try (TestPac pac = new TestPac();
             PptpClient client = PptpClient.open(options(pac, TestPac.PASSWORD), pac.gre())) {
            List<ClientSession> calls = client.connect(3);

            assertThat(calls).hasSize(3);
            assertThat(calls.stream().map(ClientSession::address).distinct()).hasSize(3);
            assertThat(client.counters().get("pptp.pns.established")).isEqualTo(1);
            List<ByteBuffer> echoes = calls.stream()
                    .map(c -> new IcmpEcho(c.address(), c.gateway(), false, 7, 1, 8).encode()).toList();
            assertThat(client.sendIpv4(calls, echoes)).isEqualTo(3);
            for (ClientSession c : calls) {
                assertThat(c.packetsOut()).isEqualTo(1);
            }
            assertThat(echoes).allSatisfy(e -> assertThat(e.position()).isZero()); // not consumed
        }
    }

    @Test
    void closingTheClientStopsTheControlConnection() throws Exception {
        try (TestPac pac = new TestPac()) {
            try (PptpClient client = PptpClient.open(options(pac, TestPac.PASSWORD), pac.gre())) {
                client.connect();
            }
            assertThat(pac.callsDown(1)).hasSize(1);
            assertThat(pac.connectionsClosed(1)).first().asString()
                    .startsWith("peer stopped the control connection");
        }
    }

    @Test
    void wrongPasswordIsRefusedWithTheReason() throws Exception {
        try (TestPac pac = new TestPac();
             PptpClient client = PptpClient.open(options(pac, "not the password"), pac.gre())) {
            assertThatThrownBy(client::connect).isInstanceOf(SessionSetupException.class)
                    .hasMessageContaining("CHAP refused").hasMessageContaining("E=691");
        }
    }

    @Test
    void theServerStoppingEndsTheSession() throws Exception {
        try (TestPac pac = new TestPac();
             PptpClient client = PptpClient.open(options(pac, TestPac.PASSWORD), pac.gre())) {
            ClientSession s = client.connect();
            pac.shutdownAll();
            PingResult ping = s.ping(s.gateway(), 1, Duration.ofMillis(300));
            assertThat(ping.received()).isZero();
            ClientSession again = client.connect(); // a new control connection
            assertThat(again.ping(again.gateway(), 1, Duration.ofSeconds(2)).received()).isEqualTo(1);
            assertThat(client.counters().get("pptp.pns.established")).isEqualTo(2);
        }
    }

    @Test
    void noServerIsAnIoException() throws Exception {
        InetSocketAddress nobody;
        try (ServerSocketChannel s = ServerSocketChannel.open().bind(new InetSocketAddress("127.0.0.1", 0))) {
            nobody = (InetSocketAddress) s.getLocalAddress();
        }
        try (PptpClient client = PptpClient.open(ClientOptions.of(nobody, "alice", "x"), (server, r) -> new GreTransport() {
            @Override public void send(java.nio.ByteBuffer p) { }

            @Override public void close() { }
        })) {
            assertThatThrownBy(client::connect).isInstanceOf(IOException.class);
        }
    }

    @Test
    void tunnelSecretsAreRefused() {
        ClientOptions withSecret = ClientOptions.of(new InetSocketAddress("127.0.0.1", PptpClient.PORT), "a", "b")
                .withTunnelSecret(new byte[] {1}, false);
        assertThatThrownBy(() -> PptpClient.open(withSecret, (server, r) -> null))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
