package io.cohort.server.l2tp;

import static org.assertj.core.api.Assertions.assertThat;

import io.cohort.client.ClientSession;
import io.cohort.client.L2tpClient;
import io.cohort.client.PingResult;
import io.cohort.cluster.member.MemberId;
import io.cohort.cluster.unit.WorkUnit;
import io.cohort.replication.StateKey;
import io.cohort.replication.UnitStatePublisher;
import io.cohort.server.cluster.ClusterRegistrations;
import io.cohort.server.cluster.UnitOwnership;
import io.cohort.testbed.Privileges;
import java.net.Inet4Address;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Stateful failover of a live session (patent, figure 7) with the real runtime, TUN and sockets
 * ({@link L2tpServerFixture}): the in-repo client pings the inside host through member A; A's
 * published state reaches member B's replica store as it would over the cluster; A dies without
 * a datagram; B starts on the same address and port with its own pool, takes every work unit over
 * and the same client session keeps pinging through B, with no new tunnel, call or PPP
 * negotiation. The client's address came from A's pool, so B holds it as a foreign lease and
 * routes it onto its TUN.
 */
class L2tpTakeoverIT {
    private static final Inet4Address INSIDE = L2tpServerFixture.INSIDE_HOST;

    @TempDir
    Path dir;

    @BeforeEach
    void requireRoot() {
        Privileges.assumeNetworkAdmin();
    }

    @Test
    void aSessionCarriesOnThroughTheMemberThatTookItOver() throws Exception {
        ClusterRegistrations memberA = ClusterRegistrations.standalone();
        ClusterRegistrations memberB = ClusterRegistrations.standalone();
        memberA.replicateThrough(new UnitStatePublisher() { // A's replication, delivering to B
            @Override
            public void put(WorkUnit unit, StateKey key, byte[] state) {
                memberB.replicas().put(MemberId.of("a"), unit, key, 1, state);
            }

            @Override
            public void remove(WorkUnit unit, StateKey key) {
                memberB.replicas().remove(MemberId.of("a"), unit, key, 1);
            }
        });
        try (L2tpServerFixture f = L2tpServerFixture.start(dir, "hello-interval = 1s", "", memberA);
             L2tpClient client = f.openClient(L2tpServerFixture.clientOptions());
             ClientSession session = client.connect()) {
            assertThat(session.ping(INSIDE, 3, Duration.ofSeconds(3)).received()).isEqualTo(3);
            assertThat(memberB.replicas().entries()).as("tunnel and session, initial and essential").isEqualTo(4);
            long tunnels = client.counters().counter("l2tp.tunnel.created").get();

            long failed = System.nanoTime();
            f.abandonServer();
            try (L2tpServerFixture.Successor b = f.startSuccessor("10.98.0.0/24", "10.98.0.1", memberB)) {
                UnitOwnership l2tp = memberB.registered().stream().filter(o -> o.protocol().equals("l2tp"))
                        .findFirst().orElseThrow();
                l2tp.unitsAssigned(allUnits());
                l2tp.settled().toCompletableFuture().get(10, TimeUnit.SECONDS);
                long tookOver = System.nanoTime();

                PingResult first;
                int attempts = 0;
                do {
                    first = session.ping(INSIDE, 1, Duration.ofMillis(200));
                    attempts++;
                } while (first.received() == 0 && attempts < 50);
                long answered = System.nanoTime();
                System.out.printf("L2TP failover: takeover done %d ms after A died; first echo reply through B"
                                + " %d ms after A died (%d pings)%n", (tookOver - failed) / 1_000_000,
                        (answered - failed) / 1_000_000, attempts);
                assertThat(first.received()).isEqualTo(1);

                Thread.sleep(3_000); // several HELLO intervals: control messages in step both ways
                assertThat(session.ping(INSIDE, 5, Duration.ofSeconds(3)).received()).isEqualTo(5);

                assertThat(client.counters().counter("l2tp.tunnel.created").get()).as("no new SCCRQ")
                        .isEqualTo(tunnels);
                assertThat(client.counters().counter("l2tp.tunnel.peer_dead").get()).isZero();
                assertThat(b.counters().counter("l2tp.takeover.sessions").get()).isEqualTo(1);
                assertThat(b.counters().counter("l2tp.tunnel.restored").get()).isEqualTo(1);
                assertThat(b.counters().counter("l2tp.tunnel.created").get()).as("only the restored one")
                        .isEqualTo(1);
                assertThat(b.pool().isForeign(session.address())).isTrue();
                assertThat(b.registry().sessions()).singleElement()
                        .satisfies(s -> assertThat(s.address()).contains(session.address()));
                assertThat(f.fatal).isEmpty();
            }
        }
    }

    private static Set<WorkUnit> allUnits() {
        Set<WorkUnit> all = new HashSet<>();
        for (int u = 0; u < WorkUnit.COUNT; u++) {
            all.add(WorkUnit.of(u));
        }
        return all;
    }
}
