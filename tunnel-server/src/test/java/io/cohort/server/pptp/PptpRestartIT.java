package io.cohort.server.pptp;

import static io.cohort.server.pptp.PptpServerFixture.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.cohort.client.ClientOptions;
import io.cohort.client.ClientSession;
import io.cohort.client.IcmpEcho;
import io.cohort.client.pptp.PptpClient;
import io.cohort.cluster.unit.WorkUnit;
import io.cohort.server.cluster.ClusterRegistrations;
import io.cohort.server.cluster.UnitOwnership;
import io.cohort.server.config.CohortConfig;
import io.cohort.telemetry.Counters;
import io.cohort.testbed.Privileges;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A server that restarts under a PPTP call: its TCP connection is dropped without a FIN or RST
 * (frozen in repair mode and closed, as a member that hands its units over does) and a new server
 * with no state starts on the same address. The client's GRE meets a server with no control
 * connection from it, so there is nothing to send a Call-Disconnect-Notify on; the client's next
 * TCP segment (its Echo-Request, 3.1.4, within its 60 s echo interval) meets no connection, and the
 * kernel answers it with a reset (RFC 793 3.4), which ends the client's control connection and call.
 */
class PptpRestartIT {
    private static final String SERVER = PptpServerFixture.SERVER;
    private static final Duration CLIENT_ECHO_INTERVAL = Duration.ofSeconds(60);

    @TempDir
    Path dir;
    private SuccessiveServers servers;

    @BeforeEach
    void network() throws Exception {
        Privileges.assumeNetworkAdmin();
        servers = SuccessiveServers.create(dir);
    }

    @AfterEach
    void tearDown() {
        if (servers != null) {
            servers.close();
        }
    }

    @Test
    void theKernelResetsTheClientsNextTcpSegmentAndTheCallEnds() throws Exception {
        CohortConfig config = servers.config;
        ClusterRegistrations first = new ClusterRegistrations(false);
        SuccessiveServers.Server a = servers.start(first);
        try (PptpClient pptp = servers.client.runInside(() -> PptpClient.open(ClientOptions.of(
                new InetSocketAddress(SERVER, PptpClient.PORT), "alice", "wonderland")))) {
            ClientSession session = servers.client.runInside(pptp::connect);
            assertThat(session.ping(config.pool().gateway(), 2, Duration.ofSeconds(3)).received()).isEqualTo(2);

            UnitOwnership pptpUnits = first.registered().stream().filter(o -> o.protocol().equals("pptp"))
                    .findFirst().orElseThrow();
            pptpUnits.unitsRevoked(IntStream.range(0, WorkUnit.COUNT).mapToObj(WorkUnit::of).collect(Collectors.toSet()));
            pptpUnits.settled().toCompletableFuture().get(15, TimeUnit.SECONDS);
            servers.stop(a);
            long restarted = System.nanoTime();
            Counters b = servers.start(ClusterRegistrations.standalone()).counters();
            AtomicLong endedAt = new AtomicLong();
            session.ended().thenRun(() -> endedAt.set(System.nanoTime()));

            session.sendIpv4(new IcmpEcho(session.address(), config.pool().gateway(), false, 7, 1, 56).encode());
            await("GRE of the old call reaching the new server", () -> b.get("pptp.gre.rx.unknown_call") > 0,
                    Duration.ofSeconds(5), () -> b.snapshot().toString());
            String reason = session.ended().toCompletableFuture()
                    .get(CLIENT_ECHO_INTERVAL.toSeconds() + 15, TimeUnit.SECONDS);
            System.out.printf("PPTP restart: the client's call ended %d ms after the restart: %s%n",
                    (endedAt.get() - restarted) / 1_000_000, reason);

            assertThat(reason).contains("reset");
            assertThat(b.get("pptp.tx.unknown_call_answer.skipped.no_connection")).isPositive();
            assertThat(b.get("pptp.tx.unknown_call_answer")).isZero();
            assertThat(servers.fatal).isEmpty();
        }
    }
}
