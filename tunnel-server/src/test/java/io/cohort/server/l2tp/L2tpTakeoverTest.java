package io.cohort.server.l2tp;

import static io.cohort.server.l2tp.L2tpMembersBench.ip;
import static io.cohort.server.l2tp.L2tpMembersBench.ipv4;
import static org.assertj.core.api.Assertions.assertThat;

import io.cohort.cluster.unit.WorkUnit;
import io.cohort.replication.ReplicaStore;
import io.cohort.replication.StateKey;
import io.cohort.telemetry.RateLimitedLog;
import io.cohort.wire.DecodeResult;
import java.net.Inet4Address;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.SortedMap;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.Test;

/**
 * A session set up with member A carries on with member B, which rebuilt it from what A published
 * (patent, figure 7), and the client notices nothing: same tunnel, same call, same address, data
 * both ways, control messages (HELLO) in step. Sans I/O: {@link L2tpMembersBench}.
 */
class L2tpTakeoverTest {
    private static final Inet4Address INSIDE = ip("198.51.100.2");

    private L2tpMembersBench bench = new L2tpMembersBench();

    @Test
    void aSessionThatIsUpHasItsTunnelAndSessionStatePublishedUnderItsTunnelsUnit() {
        bench.connect();

        SortedMap<StateKey, ReplicaStore.Replica> keys = bench.a.published.unit(unit());
        int tunnelId = bench.client.tunnel.peerTunnelId();
        int sessionId = bench.client.session.peerSessionId();
        assertThat(keys.keySet()).containsExactly(L2tpStateKeys.tunnelInitial(tunnelId),
                L2tpStateKeys.tunnelEssential(tunnelId), L2tpStateKeys.sessionInitial(tunnelId, sessionId),
                L2tpStateKeys.sessionEssential(tunnelId, sessionId));
        int octets = keys.values().stream().mapToInt(r -> r.state().length).sum();
        System.out.println("published for one L2TP tunnel with one session: " + octets + " octets in " + keys.size()
                + " keys");
        assertThat(octets).as("DESIGN.md target: 512 B per L2TP session").isLessThan(512);
        assertThat(bench.a.publications).as("initial state once")
                .containsOnlyOnce("put " + L2tpStateKeys.tunnelInitial(tunnelId),
                        "put " + L2tpStateKeys.sessionInitial(tunnelId, sessionId));
    }

    @Test
    void everyControlMessageRepublishesTheTunnelsEssentialStateAndOnlyWhenItChanged() {
        bench.connect();
        int tunnelId = bench.client.tunnel.peerTunnelId();
        String essential = "put " + L2tpStateKeys.tunnelEssential(tunnelId);
        bench.a.publications.clear();

        bench.run(Duration.ofSeconds(61)); // a HELLO each way (RFC 2661 6.5) and their ZLBs

        assertThat(bench.a.publications).as("HELLO sent, HELLO received, acknowledgements").contains(essential);
        long puts = bench.a.publications.stream().filter(essential::equals).count();
        assertThat(puts).isBetween(2L, 6L);
        assertThat(bench.a.publications).as("nothing else moved").allMatch(p -> p.startsWith("put "
                + L2tpStateKeys.TUNNEL_ESSENTIAL + ":") || p.startsWith("put " + L2tpStateKeys.SESSION_ESSENTIAL));
    }

    @Test
    void sequencedDataIsRepublishedLazilyAndOnlyWhenItsNumbersMoved() {
        bench = new L2tpMembersBench(true);
        bench.connect();
        String essential = "put " + L2tpStateKeys.sessionEssential(bench.client.tunnel.peerTunnelId(),
                bench.client.session.peerSessionId());
        bench.run(L2tpStatePublication.SWEEP_INTERVAL);
        bench.a.publications.clear();

        for (int i = 0; i < 10; i++) {
            bench.a.dispatcher.fromTun(ipv4(INSIDE, bench.client.address, i));
        }
        bench.pump();
        assertThat(bench.client.received).hasSize(10);
        assertThat(bench.a.publications).as("not per packet").doesNotContain(essential);

        bench.run(L2tpStatePublication.SWEEP_INTERVAL);
        assertThat(bench.a.publications).containsExactly(essential);
        byte[] state = bench.a.published.unit(unit()).get(L2tpStateKeys.sessionEssential(
                bench.client.tunnel.peerTunnelId(), bench.client.session.peerSessionId())).state();
        SessionReplicaCodec.SessionEssential decoded =
                ((DecodeResult.Decoded<SessionReplicaCodec.SessionEssential, ?>) SessionReplicaCodec.decodeEssential(
                        state)).value();
        assertThat(decoded.l2tp().sendSequenced()).isTrue();
        assertThat(decoded.dataSequence().nextNs()).as("PPP set-up frames and the ten packets").isGreaterThanOrEqualTo(10);

        bench.run(L2tpStatePublication.SWEEP_INTERVAL.multipliedBy(4));
        assertThat(bench.a.publications).as("no traffic, nothing new").containsExactly(essential);
    }

    @Test
    void sequencedDataCarriesOnAfterTheTakeoverWithOurNsJumpedAhead() {
        bench = new L2tpMembersBench(true);
        bench.connect();
        Inet4Address clientAddress = bench.client.address;
        for (int i = 0; i < 5; i++) {
            bench.a.dispatcher.fromTun(ipv4(INSIDE, clientAddress, i));
            bench.client.link.sendIpv4(ipv4(clientAddress, INSIDE, i));
        }
        bench.run(Duration.ofSeconds(1));
        for (int i = 5; i < 8; i++) { // sent after the last lazy publication: B's copy is stale
            bench.a.dispatcher.fromTun(ipv4(INSIDE, clientAddress, i));
        }
        bench.pump();
        assertThat(bench.client.received).hasSize(8);

        bench.serving(bench.b);
        takeover(bench.a.published).takeOver(Set.of(unit()));
        bench.b.dispatcher.fromTun(ipv4(INSIDE, clientAddress, 8));
        bench.client.link.sendIpv4(ipv4(clientAddress, INSIDE, 9));
        bench.run(Duration.ofSeconds(1));

        assertThat(bench.client.received).as("downstream through B after the jump").hasSize(9);
        assertThat(bench.b.tun).as("upstream through B").hasSize(1);
        assertThat(bench.client.down).isNull();
    }

    @Test
    void aClosedSessionAndTunnelHaveTheirKeysRemoved() {
        bench.connect();

        bench.client.node.closeTunnel(bench.client.tunnel, "done");
        bench.run(Duration.ofSeconds(2));

        assertThat(bench.a.published.unit(unit())).isEmpty();
        assertThat(bench.a.publications).filteredOn(p -> p.startsWith("remove")).hasSize(4);
    }

    @Test
    void anotherMemberTakesTheSessionOverAndTheClientCarriesOnWithoutNoticing() {
        bench.connect();
        Inet4Address clientAddress = bench.client.address;
        bench.client.link.sendIpv4(ipv4(clientAddress, INSIDE, 1));
        bench.run(Duration.ofSeconds(1));
        assertThat(bench.a.tun).hasSize(1);

        bench.serving(bench.b); // A dies: not a datagram more from it
        CompletionStage<?> done = takeover(bench.a.published).takeOver(Set.of(unit()));

        assertThat(done.toCompletableFuture()).isCompleted();
        assertThat(bench.b.counters.counter("l2tp.takeover.sessions").get()).isEqualTo(1);
        assertThat(bench.a.published.unit(unit())).as("the replicas were forgotten once rebuilt").isEmpty();
        assertThat(bench.b.published.unit(unit())).as("B publishes the unit anew as its own").hasSize(4);
        assertThat(bench.b.pool.isForeign(clientAddress)).as("A's pool gave it").isTrue();
        assertThat(bench.b.hostRoutes).containsExactly(clientAddress);
        assertThat(bench.b.heldGateways).as("the link's server end stays A's gateway, now held by B")
                .containsExactly(bench.a.pool.gateway());
        assertThat(bench.b.registry.sessions()).singleElement()
                .satisfies(s -> assertThat(s.address()).contains(clientAddress));

        bench.client.link.sendIpv4(ipv4(clientAddress, INSIDE, 2));
        bench.b.dispatcher.fromTun(ipv4(INSIDE, clientAddress, 3));
        bench.run(Duration.ofSeconds(1));

        assertThat(bench.b.tun).as("upstream through B").hasSize(1);
        assertThat(bench.client.received).as("downstream through B").hasSize(1);

        bench.run(Duration.ofMinutes(5)); // HELLOs both ways; PPP echoes

        assertThat(bench.client.down).as("nothing ended").isNull();
        assertThat(bench.client.tunnelsUp).as("no new SCCRQ").isEqualTo(1);
        assertThat(bench.client.counters.counter("l2tp.tunnel.peer_dead").get()).isZero();
        bench.client.link.sendIpv4(ipv4(clientAddress, INSIDE, 4));
        bench.run(Duration.ofSeconds(1));
        assertThat(bench.b.tun).hasSize(2);
    }

    @Test
    void aSessionTakenOverAndEndedLetsGoOfItsForeignAddressAndRoute() {
        bench.connect();
        Inet4Address clientAddress = bench.client.address;
        bench.serving(bench.b);
        takeover(bench.a.published).takeOver(Set.of(unit()));

        bench.client.node.closeTunnel(bench.client.tunnel, "done");
        bench.run(Duration.ofSeconds(10));

        assertThat(bench.b.pool.isInUse(clientAddress)).isFalse();
        assertThat(bench.b.hostRoutes).isEmpty();
        assertThat(bench.b.heldGateways).isEmpty();
        assertThat(bench.b.registry.sessions()).isEmpty();
        assertThat(bench.b.published.unit(unit())).isEmpty();
    }

    @Test
    void aMemberThatGivesAUnitUpLetsGoOfItsTunnelsSilently() {
        bench.connect();
        Inet4Address clientAddress = bench.client.address;
        List<String> before = List.copyOf(bench.a.publications);
        int sentBefore = bench.a.datagramsSent;

        bench.a.wiring.release(Set.of(unit()));

        assertThat(bench.a.registry.tunnels()).isEmpty();
        assertThat(bench.a.registry.sessions()).isEmpty();
        assertThat(bench.a.pool.isInUse(clientAddress)).isFalse();
        assertThat(bench.a.node.tunnelCount()).isZero();
        assertThat(bench.a.publications).as("nothing removed: the new owner publishes").isEqualTo(before);
        bench.serving(bench.b); // the client's datagrams go to the new owner
        bench.run(Duration.ofMinutes(3));
        assertThat(bench.a.datagramsSent).as("no StopCCN, CDN, LCP Terminate-Request, HELLO or echo")
                .isEqualTo(sentBefore);
    }

    @Test
    void aReplicaThatDoesNotDecodeIsCountedAndSkippedAndTheRestCarriesOn() {
        bench.connect();
        int tunnelId = bench.client.tunnel.peerTunnelId();
        int sessionId = bench.client.session.peerSessionId();
        ReplicaStore damaged = new ReplicaStore();
        bench.a.published.unit(unit()).forEach((k, r) -> damaged.put(r.origin(), unit(), k, 1,
                k.equals(L2tpStateKeys.sessionEssential(tunnelId, sessionId)) ? new byte[] {1, 2, 3} : r.state()));
        damaged.put(bench.a.id, unit(), new StateKey(0x0200, 7), 1, new byte[] {9}); // another protocol's

        takeover(damaged).takeOver(Set.of(unit()));

        assertThat(bench.b.counters.counter("l2tp.takeover.undecodable").get()).isEqualTo(1);
        assertThat(bench.b.counters.counter("l2tp.takeover.tunnels").get()).isEqualTo(1);
        assertThat(bench.b.counters.counter("l2tp.takeover.sessions").get()).isZero();
        assertThat(bench.b.registry.tunnels()).hasSize(1);
        assertThat(bench.b.registry.sessions()).isEmpty();
    }

    @Test
    void aSessionWhoseAddressIsHeldHereIsClearedWithCdnAndTheTunnelCarriesOn() {
        bench.connect();
        Inet4Address clientAddress = bench.client.address;
        assertThat(bench.b.pool.claim(clientAddress, "bob")).isTrue();
        bench.serving(bench.b);

        takeover(bench.a.published).takeOver(Set.of(unit()));
        bench.run(Duration.ofSeconds(2));

        assertThat(bench.b.counters.counter("l2tp.takeover.sessions.not_resumed").get()).isEqualTo(1);
        assertThat(bench.b.registry.sessions()).isEmpty();
        assertThat(bench.b.registry.tunnels()).hasSize(1);
        assertThat(bench.b.hostRoutes).isEmpty();
        assertThat(bench.client.down).as("the client hears CDN for its call").isNotNull();
        assertThat(bench.client.tunnelsUp).isEqualTo(1);
        assertThat(bench.client.counters.counter("l2tp.tunnel.peer_dead").get()).isZero();
    }

    private WorkUnit unit() {
        return TunnelUnits.ofTunnel(bench.client.tunnel.peerTunnelId());
    }

    private L2tpTakeover takeover(ReplicaStore from) {
        return new L2tpTakeover(from, Runnable::run, bench.b.wiring, bench.b.counters,
                RateLimitedLog.standard(System.getLogger("takeover-test"), bench.scheduler));
    }
}
