package io.cohort.server.l2tp;

import static org.assertj.core.api.Assertions.assertThat;

import io.cohort.client.ClientSession;
import io.cohort.client.L2tpClient;
import io.cohort.server.cluster.ClusterRegistrations;
import io.cohort.testbed.Privileges;
import java.net.Inet4Address;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A server that restarts loses every tunnel ({@link L2tpServerFixture}: the runtime dies without a
 * datagram, a new one starts on the same address and port with no state). The in-repo client's
 * next packet on its old tunnel is answered with a StopCCN for a tunnel that is nowhere (RFC 2661
 * 4.4.3, 6.4): the client ends the session at once, instead of after its reliable delivery gives
 * up, and a new session comes up through the new server.
 */
class L2tpRestartIT {
    private static final Inet4Address INSIDE = L2tpServerFixture.INSIDE_HOST;

    @TempDir
    Path dir;

    @BeforeEach
    void requireRoot() {
        Privileges.assumeNetworkAdmin();
    }

    @Test
    void theClientsNextPacketAfterARestartEndsItsSessionAtOnce() throws Exception {
        try (L2tpServerFixture f = L2tpServerFixture.start(dir, "", "");
             L2tpClient client = f.openClient(L2tpServerFixture.clientOptions())) {
            ClientSession session = client.connect();
            assertThat(session.ping(INSIDE, 2, Duration.ofSeconds(3)).received()).isEqualTo(2);

            f.abandonServer();
            try (L2tpServerFixture.Successor restarted = f.startSuccessor("10.98.0.0/24", "10.98.0.1",
                    ClusterRegistrations.standalone())) {
                AtomicLong endedAt = new AtomicLong();
                session.ended().thenRun(() -> endedAt.set(System.nanoTime()));
                long sent = System.nanoTime();
                session.ping(INSIDE, 1, Duration.ofMillis(200)); // a data packet on the old tunnel
                String reason = session.ended().toCompletableFuture().get(5, TimeUnit.SECONDS);
                long endedMillis = (endedAt.get() - sent) / 1_000_000;
                System.out.printf("L2TP restart: the client's session ended %d ms after its first packet to the"
                        + " restarted server (%s)%n", endedMillis, reason);

                assertThat(reason).contains("the peer has no state of the tunnel");
                assertThat(endedMillis).isLessThan(2_000);
                assertThat(restarted.counters().counter("l2tp.tx.unknown_tunnel_answer").get()).isEqualTo(1);
                assertThat(client.counters().counter("l2tp.rx.stopccn_without_tunnel").get()).isEqualTo(1);

                try (ClientSession again = client.connect()) {
                    assertThat(restarted.pool().cidr().contains(again.address())).isTrue();
                    assertThat(again.ping(again.gateway(), 2, Duration.ofSeconds(3)).received()).isEqualTo(2);
                }
            }
        }
    }
}
