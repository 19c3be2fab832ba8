package io.cohort.l2tp;

import static org.assertj.core.api.Assertions.assertThat;

import io.cohort.l2tp.control.ReliableDeliveryConfig;
import io.cohort.l2tp.session.Session;
import io.cohort.l2tp.session.SessionHandle;
import io.cohort.l2tp.session.SessionState;
import io.cohort.l2tp.tunnel.L2tpTunnelState;
import io.cohort.l2tp.tunnel.TunnelHandle;
import io.cohort.l2tp.tunnel.TunnelSettings;
import io.cohort.l2tp.tunnel.TunnelState;
import io.cohort.l2tp.wire.HidingSecret;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Real LAC and LNS nodes through a simulated network in virtual time; first the LAC member, then
 * the LNS member dies and another takes its tunnels over from the replicated state (patent
 * figure 7). The surviving end notices nothing: calls stay up, data flows, new calls are placed.
 */
class NodeTakeoverTest {
    private static final InetSocketAddress LNS = SimulatedNetwork.address("192.0.2.1", 1701);
    private static final InetSocketAddress LAC = SimulatedNetwork.address("198.51.100.7", 1701);

    private final SimulatedNetwork net = new SimulatedNetwork(7);

    /**
     * The LAC dies with its SCCRQ on the wire and a call waiting for the tunnel: the new member
     * checks the SCCRP's Challenge Response against the challenge the first one sent (5.1.1),
     * the tie breaker is carried (4.4.3), and the waiting call is placed once the tunnel is up.
     */
    @Test
    void aLacTakenOverDuringSetUpFinishesItWithTheCarriedChallenge() {
        HidingSecret secret = HidingSecret.of("s3cret".getBytes(StandardCharsets.UTF_8));
        L2tpConfig lacConfig = L2tpConfig.lac("lac.example").withTunnel(new TunnelSettings("lac.example",
                Optional.of(secret), false, ReliableDeliveryConfig.defaults(), Optional.of(Duration.ofSeconds(60)),
                false, true));
        SimulatedNetwork.Host lns = net.host(LNS, L2tpConfig.lns("lns.example")
                .withTunnel(TunnelSettings.defaults("lns.example").withSecret(secret, false)));
        SimulatedNetwork.Host lac = net.host(LAC, lacConfig);
        TunnelHandle t = lac.node.openTunnel(LNS);
        lac.node.placeCall(t).orElseThrow();
        L2tpTunnelState saved = lac.node.failoverStates().getFirst();
        assertThat(saved.essential().state()).isEqualTo(TunnelState.WAIT_CTL_REPLY);
        assertThat(saved.essential().ourChallenge()).isPresent();
        assertThat(saved.essential().tieBreaker()).isPresent();
        assertThat(saved.essential().control().unacknowledged()).hasSize(1);
        assertThat(saved.sessions()).singleElement()
                .satisfies(s -> assertThat(s.essential().state()).isEqualTo(SessionState.IDLE));

        SimulatedNetwork.Host lac2 = net.takeOver(lac, lacConfig);
        TunnelHandle t2 = lac2.restored.getFirst();
        assertThat(lac2.node.failoverState(t2)).contains(saved);
        net.run(Duration.ofSeconds(1));
        assertThat(lac2.up).containsExactly(t2);
        assertThat(lns.up).hasSize(1);
        assertThat(lns.sessionsUp).hasSize(1);
        assertThat(lac2.sessionsUp).hasSize(1);
        assertThat(lac2.node.failoverState(t2).orElseThrow().essential().ourChallenge()).isEmpty();
    }

    @Test
    void bothEndsAreTakenOverInTurnAndTheCallsCarryOn() {
        SimulatedNetwork.Host lns = net.host(LNS, L2tpConfig.lns("lns.example"));
        SimulatedNetwork.Host lac = net.host(LAC, L2tpConfig.lac("lac.example"));
        TunnelHandle t = lac.node.openTunnel(LNS);
        lac.node.placeCall(t).orElseThrow();
        lac.node.placeCall(t).orElseThrow();
        net.run(Duration.ofSeconds(1));
        assertThat(lns.sessionsUp).hasSize(2);

        SimulatedNetwork.Host lac2 = net.takeOver(lac, L2tpConfig.lac("lac.example"));
        TunnelHandle t2 = lac2.restored.getFirst();
        assertThat(t2.localTunnelId()).isEqualTo(t.localTunnelId());
        assertThat(t2.state()).isEqualTo(TunnelState.ESTABLISHED);
        List<SessionHandle> calls = lac2.node.sessions(t2);
        assertThat(calls).hasSize(2).allMatch(s -> s.state() == SessionState.ESTABLISHED);

        lac2.send(calls.getFirst(), "after LAC takeover");
        lns.send(lns.sessionsUp.getLast(), "to the new LAC");
        SessionHandle third = lac2.node.placeCall(t2).orElseThrow();
        net.run(Duration.ofSeconds(1));
        assertThat(lns.received).containsExactly("after LAC takeover");
        assertThat(lac2.received).containsExactly("to the new LAC");
        assertThat(third.state()).isEqualTo(SessionState.ESTABLISHED);
        assertThat(lns.sessionsUp).hasSize(3);
        assertThat(((Session) lns.sessionsUp.getLast()).callSerialNumber()).as("serials continue (4.4.5)")
                .isEqualTo(3);

        SimulatedNetwork.Host lns2 = net.takeOver(lns, L2tpConfig.lns("lns.example"));
        assertThat(lns2.node.sessionCount()).isEqualTo(3);
        lac2.send(third, "after LNS takeover");
        net.run(Duration.ofSeconds(1));
        assertThat(lns2.received).containsExactly("after LNS takeover");

        net.run(Duration.ofMinutes(3)); // HELLOs both ways (6.5) keep the tunnel alive
        assertThat(t2.state()).isEqualTo(TunnelState.ESTABLISHED);
        assertThat(lac2.down).isEmpty();
        assertThat(lns2.down).isEmpty();

        lac2.node.closeTunnel(t2, "done");
        net.run(Duration.ofMinutes(1));
        assertThat(lac2.node.tunnelCount()).isZero();
        assertThat(lns2.node.tunnelCount()).isZero();
        assertThat(lns2.node.sessionCount()).isZero();
        assertThat(lns2.sessionsDown).hasSize(3);
    }
}
