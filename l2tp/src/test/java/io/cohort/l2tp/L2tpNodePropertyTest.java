package io.cohort.l2tp;

import static org.assertj.core.api.Assertions.assertThat;

import io.cohort.l2tp.session.SessionHandle;
import io.cohort.l2tp.session.SessionState;
import io.cohort.l2tp.tunnel.TunnelHandle;
import io.cohort.l2tp.tunnel.TunnelState;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;

/** Tunnel and call set-up and teardown survive a lossy, duplicating, reordering network. */
class L2tpNodePropertyTest {
    private static final InetSocketAddress LNS = SimulatedNetwork.address("192.0.2.1", 1701);
    private static final InetSocketAddress LAC = SimulatedNetwork.address("198.51.100.7", 1701);

    @Property(tries = 40)
    void callsComeUpAndAreClearedDespiteLossReorderAndDuplication(
            @ForAll long seed,
            @ForAll @DoubleRange(min = 0, max = 0.25) double loss,
            @ForAll @DoubleRange(min = 0, max = 0.25) double duplication,
            @ForAll @IntRange(min = 0, max = 400) int jitterMillis,
            @ForAll @IntRange(min = 1, max = 6) int calls) {
        SimulatedNetwork net = new SimulatedNetwork(seed);
        net.loss = loss;
        net.duplication = duplication;
        net.maxExtraDelayMillis = jitterMillis;
        SimulatedNetwork.Host lns = net.host(LNS, L2tpConfig.lns("lns"));
        SimulatedNetwork.Host lac = net.host(LAC, L2tpConfig.lac("lac"));
        TunnelHandle t = lac.node.openTunnel(LNS);
        List<SessionHandle> placed = new ArrayList<>();
        for (int i = 0; i < calls; i++) {
            placed.add(lac.node.placeCall(t).orElseThrow());
        }
        net.run(Duration.ofMinutes(2));
        if (!lac.down.isEmpty()) {
            // Possible but rare: six losses of one message in a row. Then both ends must agree.
            net.run(Duration.ofMinutes(2));
            assertThat(lns.node.sessionCount()).isZero();
            return;
        }
        assertThat(t.state()).isEqualTo(TunnelState.ESTABLISHED);
        assertThat(placed).allMatch(s -> s.state() == SessionState.ESTABLISHED);
        assertThat(lns.sessionsUp).hasSize(calls);
        assertThat(lns.node.tunnelCount()).isEqualTo(1);

        lac.node.closeTunnel(t, "done");
        net.run(Duration.ofMinutes(2));
        assertThat(lac.node.tunnelCount()).isZero();
        assertThat(lns.node.tunnelCount()).isZero();
        assertThat(lns.node.sessionCount()).isZero();
        assertThat(lns.sessionsDown).hasSize(calls);
    }
}
