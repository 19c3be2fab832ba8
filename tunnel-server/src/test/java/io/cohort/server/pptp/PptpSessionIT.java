package io.cohort.server.pptp;

import static io.cohort.server.pptp.PptpServerFixture.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.cohort.client.ClientOptions;
import io.cohort.client.ClientSession;
import io.cohort.client.IcmpEcho;
import io.cohort.client.L2tpClient;
import io.cohort.client.PingResult;
import io.cohort.client.pptp.PptpClient;
import io.cohort.server.registry.SessionState;
import io.cohort.server.registry.SessionStatus;
import io.cohort.server.registry.TunnelProtocol;
import io.cohort.testbed.Privileges;
import java.net.Inet4Address;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Full PPTP sessions of the in-repo client (PNS, client-role PPP with MS-CHAPv2 and MPPE-128)
 * against the production runtime ({@link PptpServerFixture}): TCP 1723, raw GRE and the TUN
 * device, each end in its own namespace. The client gets an address from the pool and pings the
 * gateway through the tunnel across thousands of MPPE key changes (stateless mode: a new key for
 * every packet, RFC 3078 7.2) including the 12-bit coherency count wrapping; and an L2TP session
 * and PPTP sessions coexist on one server and share its pool.
 */
class PptpSessionIT {
    private static final Duration WAIT = Duration.ofSeconds(10);
    /** More packets than the coherency count has values (4096), so that it wraps in both directions. */
    private static final int BURST = 5_000;
    /**
     * Requests in flight at once: within the client's initial transmit window, half the server's
     * Packet Recv. Window Size of 64 (RFC 2637 4.2.1); the client drops what the window refuses.
     */
    private static final int BATCH = 16;

    @TempDir
    Path dir;
    private PptpServerFixture f;

    @BeforeEach
    void startServer() throws Exception {
        Privileges.assumeNetworkAdmin();
        f = PptpServerFixture.start(dir);
    }

    @AfterEach
    void tearDown() {
        if (f != null) {
            f.close();
        }
    }

    @Test
    void inRepoClientGetsAnAddressAndPingsThroughMppeAcrossKeyChanges() throws Exception {
        Inet4Address gateway = f.config.pool().gateway();
        try (PptpClient client = f.client.runInside(() -> PptpClient.open(pptpOptions()))) {
            ClientSession session = f.client.runInside(client::connect);
            assertThat(f.pool.cidr().contains(session.address())).isTrue();
            assertThat(session.gateway()).isEqualTo(gateway);
            assertThat(session.authMethod()).isEqualTo("MS-CHAPv2");

            PingResult ping = session.ping(gateway, 3, Duration.ofSeconds(3));
            assertThat(ping.received()).isEqualTo(3);
            int answered = echoBurst(session, gateway);

            assertThat(answered).as("echo replies to %d requests; server counters %s; client counters %s", BURST,
                    f.counters.snapshot(), client.counters().snapshot()).isEqualTo(BURST);
            SessionStatus row = f.pptpSessions().getFirst();
            assertThat(row.user()).contains("alice");
            assertThat(row.address()).contains(session.address());
            assertThat(row.state()).isEqualTo(SessionState.UP);
            assertThat(row.traffic().packetsIn()).isGreaterThanOrEqualTo(BURST + 3);
            assertThat(row.traffic().packetsOut()).isGreaterThanOrEqualTo(BURST + 3);
            assertThat(client.counters().get("ppp.ccp.opened")).isEqualTo(1);
            assertNoMppeDrops(f.counters.snapshot(), "server");
            assertNoMppeDrops(client.counters().snapshot(), "client");
            assertThat(f.statusText()).contains("alice", session.address().getHostAddress());
            session.close();
            await("the call gone from the registry", () -> f.pptpSessions().isEmpty() && f.pool.used() == 0, WAIT,
                    f::statusText);
        }
        await("the control connection gone", () -> f.pptpTunnels().isEmpty(), WAIT, f::statusText);
        assertThat(f.fatal).isEmpty();
    }

    @Test
    void l2tpAndPptpSessionsCoexistAndShareThePool() throws Exception {
        Inet4Address gateway = f.config.pool().gateway();
        ClientOptions l2tpOptions = ClientOptions.of(new InetSocketAddress(PptpServerFixture.SERVER, 1701), "alice",
                "wonderland");
        try (L2tpClient l2tp = f.client.runInside(() -> L2tpClient.open(l2tpOptions));
             PptpClient pptp = f.client.runInside(() -> PptpClient.open(pptpOptions()))) {
            ClientSession overL2tp = f.client.runInside(l2tp::connect);
            ClientSession firstPptp = f.client.runInside(pptp::connect);
            ClientSession secondPptp = f.client.runInside(pptp::connect);

            for (ClientSession s : new ClientSession[] {overL2tp, firstPptp, secondPptp}) {
                assertThat(f.pool.cidr().contains(s.address())).isTrue();
                assertThat(s.ping(gateway, 2, Duration.ofSeconds(3)).received()).as("session at %s", s.address())
                        .isEqualTo(2);
            }
            assertThat(java.util.List.of(overL2tp.address(), firstPptp.address(), secondPptp.address()))
                    .doesNotHaveDuplicates();
            assertThat(f.pool.used()).isEqualTo(3);
            assertThat(f.registry.sessions()).extracting(s -> s.key().tunnel().protocol())
                    .containsExactlyInAnyOrder(TunnelProtocol.L2TP, TunnelProtocol.PPTP, TunnelProtocol.PPTP);
            // Two PPTP calls on one control connection, one L2TP tunnel.
            assertThat(f.registry.tunnels()).extracting(t -> t.key().protocol())
                    .containsExactlyInAnyOrder(TunnelProtocol.L2TP, TunnelProtocol.PPTP);
            String status = f.statusText();
            assertThat(status).contains(overL2tp.address().getHostAddress(), firstPptp.address().getHostAddress(),
                    secondPptp.address().getHostAddress());

            firstPptp.close();
            await("the first PPTP call gone", () -> f.pool.used() == 2, WAIT, f::statusText);
            assertThat(secondPptp.ping(gateway, 2, Duration.ofSeconds(3)).received()).isEqualTo(2);
            assertThat(overL2tp.ping(gateway, 2, Duration.ofSeconds(3)).received()).isEqualTo(2);
            secondPptp.close();
            overL2tp.close();
        }
        await("every session gone", () -> f.registry.sessionCount() == 0 && f.pool.used() == 0, WAIT, f::statusText);
        assertThat(f.fatal).isEmpty();
    }

    private static ClientOptions pptpOptions() {
        return ClientOptions.of(new InetSocketAddress(PptpServerFixture.SERVER, PptpClient.PORT), "alice", "wonderland");
    }

    /**
     * Sends {@link #BURST} echo requests to {@code target} in batches of {@link #BATCH}, each batch
     * sent once its predecessor is answered (or has had its time), and returns how many distinct
     * requests were answered.
     */
    private static int echoBurst(ClientSession session, Inet4Address target) throws InterruptedException {
        int identifier = 0x5150;
        Set<Integer> answered = ConcurrentHashMap.newKeySet();
        Semaphore replies = new Semaphore(0); // one permit per distinct reply, for the batches to wait on
        session.onIpv4(packet -> IcmpEcho.parse(packet)
                .filter(e -> e.reply() && e.identifier() == identifier)
                .ifPresent(e -> {
                    if (answered.add(e.sequence())) {
                        replies.release();
                    }
                }));
        int waitedFor = 0; // replies taken by the batches so far
        for (int first = 0; first < BURST; first += BATCH) {
            int end = Math.min(BURST, first + BATCH);
            for (int seq = first; seq < end; seq++) {
                session.sendIpv4(new IcmpEcho(session.address(), target, false, identifier, seq & 0xFFFF, 56)
                        .encode());
            }
            // Until `end` requests are answered in all (late replies to an earlier batch count), or 3 s.
            if (replies.tryAcquire(end - waitedFor, 3, TimeUnit.SECONDS)) {
                waitedFor = end;
            }
        }
        return answered.size();
    }

    private static void assertNoMppeDrops(Map<String, Long> counters, String side) {
        assertThat(counters).as("%s counters", side)
                .allSatisfy((name, value) -> {
                    if (name.startsWith("ppp.mppe.rx.dropped") || name.startsWith("ppp.mppe.tx.reset_request")) {
                        assertThat(value).as("%s %s", side, name).isZero();
                    }
                });
    }
}
