package io.cohort.server.l2tp;

import static org.assertj.core.api.Assertions.assertThat;

import io.cohort.cluster.member.MemberId;
import io.cohort.cluster.unit.UnitIdSpace;
import io.cohort.cluster.unit.WorkUnit;
import io.cohort.l2tp.L2tpConfig;
import io.cohort.l2tp.L2tpEvents;
import io.cohort.l2tp.L2tpNode;
import io.cohort.l2tp.session.SessionHandle;
import io.cohort.l2tp.tunnel.TunnelHandle;
import io.cohort.l2tp.wire.ControlMessage;
import io.cohort.l2tp.wire.L2tpCodec;
import io.cohort.l2tp.wire.MessageType;
import io.cohort.server.cluster.ClusterRegistrations;
import io.cohort.server.cluster.UnitHandover;
import io.cohort.server.cluster.UnitOwnership;
import io.cohort.telemetry.Counters;
import io.cohort.time.VirtualScheduler;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * A member answers a packet for a tunnel it does not know only while it serves the tunnel's work
 * unit, and has for 5 s: never during the unit's takeover, never right after, never when fenced,
 * never for another member's unit.
 */
class ServedUnitAuthorityTest {
    private static final InetSocketAddress LAC = new InetSocketAddress("192.0.2.7", 1701);
    private static final WorkUnit UNIT = WorkUnit.of(321);
    private static final int TUNNEL = UnitIdSpace.id(UNIT, 5);

    private final VirtualScheduler scheduler = new VirtualScheduler();
    private final Counters counters = new Counters();
    private final List<ByteBuffer> sent = new ArrayList<>();
    private final CompletableFuture<Void> rebuilt = new CompletableFuture<>();
    private final AtomicBoolean lease = new AtomicBoolean(true);

    private L2tpNode node(ClusterRegistrations cluster, UnitOwnership ownership) {
        return new L2tpNode(L2tpConfig.lns("member"), scheduler, new Recorder(), counters, new SecureRandom(), null,
                null, new ServedUnitAuthority(ownership, cluster.replicas()));
    }

    /** A HELLO from the LAC for our Tunnel ID {@link #TUNNEL}, a second later than the last. */
    private void hello(L2tpNode node) {
        scheduler.advance(Duration.ofSeconds(1));
        node.receive(LAC, L2tpCodec.encodeControl(TUNNEL, 0, 3, 2, ControlMessage.of(MessageType.HELLO), null, null));
    }

    private final ClusterRegistrations cluster = new ClusterRegistrations(true, scheduler::nanos);

    private UnitOwnership steered() {
        UnitOwnership ownership = cluster.register("l2tp");
        ownership.fencedBy(lease::get);
        ownership.handover(new UnitHandover() {
            @Override public CompletionStage<?> takeOver(Set<WorkUnit> units) { return rebuilt; }
            @Override public CompletionStage<?> release(Set<WorkUnit> units) { return CompletableFuture.completedFuture(null); }
        });
        return ownership;
    }

    @Test
    void aLoneServerAnswersAlways() {
        ClusterRegistrations standalone = ClusterRegistrations.standalone();
        L2tpNode node = node(standalone, standalone.register("l2tp"));
        hello(node);
        assertThat(sent).hasSize(1);
    }

    @Test
    void aServerHoldingAReplicaOfTheTunnelDoesNotAnswer() {
        ClusterRegistrations unsteered = ClusterRegistrations.standalone();
        unsteered.replicas().put(MemberId.of("a"), UNIT, L2tpStateKeys.tunnelEssential(TUNNEL), 1, new byte[] {1});
        L2tpNode node = node(unsteered, unsteered.register("l2tp"));
        hello(node);
        assertThat(sent).as("another member published the tunnel: it may be about to be taken over here").isEmpty();
        unsteered.replicas().forget(UNIT);
        hello(node);
        assertThat(sent).hasSize(1);
    }

    @Test
    void aMemberAnswersOnlyOnceItServesTheUnitAndNeverWhenFencedOrAfterRevocation() throws Exception {
        UnitOwnership ownership = steered();
        L2tpNode node = node(cluster, ownership);

        hello(node);
        assertThat(sent).as("another member's unit").isEmpty();

        ownership.unitsAssigned(Set.of(UNIT));
        hello(node);
        assertThat(sent).as("the unit is being taken over: its replicas are not rebuilt yet").isEmpty();

        rebuilt.complete(null);
        ownership.settled().toCompletableFuture().get(5, TimeUnit.SECONDS);
        hello(node);
        assertThat(sent).as("served for a second only: a member just started or handed the unit may be about to lose it")
                .isEmpty();

        scheduler.advance(Duration.ofSeconds(4));
        hello(node);
        assertThat(sent).as("served for 5 s: the tunnel is nowhere").hasSize(1);

        lease.set(false);
        hello(node);
        assertThat(sent).as("fenced: the unit may be another member's by now").hasSize(1);

        lease.set(true);
        ownership.unitsRevoked(Set.of(UNIT));
        ownership.settled().toCompletableFuture().get(5, TimeUnit.SECONDS);
        hello(node);
        assertThat(sent).as("revoked").hasSize(1);
        assertThat(counters.get("l2tp.tx.unknown_tunnel_answer.skipped.state_elsewhere")).isEqualTo(5);
        assertThat(counters.get("l2tp.tx.unknown_tunnel_answer")).isEqualTo(1);
    }

    private final class Recorder implements L2tpEvents {
        @Override public void transmit(InetSocketAddress peer, ByteBuffer datagram) { sent.add(datagram); }
        @Override public void tunnelUp(TunnelHandle tunnel) {}
        @Override public void tunnelDown(TunnelHandle tunnel, String reason) {}
        @Override public void sessionUp(SessionHandle session) {}
        @Override public void sessionData(SessionHandle session, ByteBuffer pppFrame) {}
        @Override public void sessionDown(SessionHandle session, String reason) {}
    }
}
