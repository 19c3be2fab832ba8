package io.cohort.l2tp;

import static org.assertj.core.api.Assertions.assertThat;

import io.cohort.l2tp.session.SessionState;
import io.cohort.l2tp.tunnel.TunnelHandle;
import io.cohort.l2tp.tunnel.TunnelState;
import io.cohort.testsupport.FailingCaseReport;
import io.cohort.testsupport.SeededCases;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A member taken over at any moment of set-up or operation, on a lossy, duplicating, reordering
 * network: calls still come up and the tunnel is still cleared cleanly by both ends (RFC 2661
 * 5.7, 5.8), as if the first member had never died (patent figure 7).
 */
@ExtendWith(FailingCaseReport.class)
class NodeTakeoverPropertyTest {
    private static final InetSocketAddress LNS = SimulatedNetwork.address("192.0.2.1", 1701);
    private static final InetSocketAddress LAC = SimulatedNetwork.address("198.51.100.7", 1701);

    static Stream<Arguments> takeovers() {
        return SeededCases.of(60, r -> Arguments.of(r.anyLong(), r.doubleBetween(0, 0.15), r.doubleBetween(0, 0.15),
                r.intBetween(0, 300), r.intBetween(1, 4), r.bool(), r.intBetween(0, 3000)));
    }

    @ParameterizedTest
    @MethodSource("takeovers")
    void callsComeUpAndAreClearedAcrossATakeover(long seed, double loss, double duplication, int jitterMillis,
            int calls, boolean lacDies, int diesAtMillis) {
        SimulatedNetwork net = new SimulatedNetwork(seed);
        net.loss = loss;
        net.duplication = duplication;
        net.maxExtraDelayMillis = jitterMillis;
        SimulatedNetwork.Host lns = net.host(LNS, L2tpConfig.lns("lns"));
        SimulatedNetwork.Host lac = net.host(LAC, L2tpConfig.lac("lac"));
        TunnelHandle t = lac.node.openTunnel(LNS);
        for (int i = 0; i < calls; i++) {
            lac.node.placeCall(t).orElseThrow();
        }
        net.run(Duration.ofMillis(diesAtMillis));
        if (lacDies) {
            lac = net.takeOver(lac, L2tpConfig.lac("lac"));
            t = lac.restored.isEmpty() ? t : lac.restored.getFirst();
        } else {
            lns = net.takeOver(lns, L2tpConfig.lns("lns"));
        }
        net.run(Duration.ofMinutes(2));
        if (!lac.down.isEmpty() || !lns.down.isEmpty() || lac.node.tunnelCount() == 0) {
            // Every retransmission of one message lost, so one end gave up (5.8): the other must
            // notice by its own next unacknowledged message and both agree that it is gone.
            net.run(Duration.ofMinutes(3));
            assertThat(lns.node.tunnelCount()).isZero();
            assertThat(lns.node.sessionCount()).isZero();
            assertThat(lac.node.tunnelCount()).isZero();
            return;
        }
        assertThat(t.state()).isEqualTo(TunnelState.ESTABLISHED);
        assertThat(lac.node.sessions(t)).hasSize(calls).allMatch(s -> s.state() == SessionState.ESTABLISHED);
        assertThat(lns.node.sessionCount()).isEqualTo(calls);
        assertThat(lns.node.tunnelCount()).isEqualTo(1);

        lac.node.closeTunnel(t, "done");
        net.run(Duration.ofMinutes(2));
        assertThat(lac.node.tunnelCount()).isZero();
        assertThat(lns.node.tunnelCount()).isZero();
        assertThat(lns.node.sessionCount()).isZero();
    }
}
