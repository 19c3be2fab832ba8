package io.cohort.l2tp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cohort.l2tp.session.SessionHandle;
import io.cohort.l2tp.session.SessionState;
import io.cohort.l2tp.tunnel.TunnelHandle;
import io.cohort.l2tp.tunnel.TunnelSettings;
import io.cohort.l2tp.tunnel.TunnelState;
import io.cohort.l2tp.wire.HidingSecret;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A LAC node and an LNS node back to back through a simulated network in virtual time. */
class L2tpNodeTest {
    private static final InetSocketAddress LNS = SimulatedNetwork.address("192.0.2.1", 1701);
    private static final InetSocketAddress LAC = SimulatedNetwork.address("198.51.100.7", 1701);

    private final SimulatedNetwork net = new SimulatedNetwork(42);

    private static L2tpConfig lnsConfig() {
        return L2tpConfig.lns("lns.example");
    }

    private static L2tpConfig lacConfig() {
        return L2tpConfig.lac("lac.example");
    }

    private static HidingSecret secret(String s) {
        return HidingSecret.of(s.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void tunnelAndSessionComeUpAndCarryDataBothWays() {
        SimulatedNetwork.Host lns = net.host(LNS, lnsConfig());
        SimulatedNetwork.Host lac = net.host(LAC, lacConfig());
        TunnelHandle t = lac.node.openTunnel(LNS);
        SessionHandle call = lac.node.placeCall(t).orElseThrow(); // queued until the tunnel is up
        net.run(Duration.ofSeconds(1));

        assertThat(lac.up).containsExactly(t);
        assertThat(lns.up).hasSize(1);
        assertThat(lns.up.getFirst().peerHostName()).isEqualTo("lac.example");
        assertThat(t.peerHostName()).isEqualTo("lns.example");
        assertThat(call.state()).isEqualTo(SessionState.ESTABLISHED);
        assertThat(lns.sessionsUp).hasSize(1);
        SessionHandle answered = lns.sessionsUp.getFirst();
        assertThat(answered.peerSessionId()).isEqualTo(call.localSessionId());
        assertThat(call.peerSessionId()).isEqualTo(answered.localSessionId());

        lac.send(call, "ping");
        lns.send(answered, "pong");
        net.run(Duration.ofMillis(100));
        assertThat(lns.received).containsExactly("ping");
        assertThat(lac.received).containsExactly("pong");
        assertThat(lns.node.snapshot().sessions()).singleElement()
                .satisfies(s -> assertThat(s.rxPackets()).isEqualTo(1));
    }

    @Test
    void tunnelAuthenticationWithTheRightSecret() {
        SimulatedNetwork.Host lns = net.host(LNS, lnsConfig().withTunnel(
                TunnelSettings.defaults("lns").withSecret(secret("s3cret"), false)));
        SimulatedNetwork.Host lac = net.host(LAC, lacConfig().withTunnel(
                TunnelSettings.defaults("lac").withSecret(secret("s3cret"), false)));
        TunnelHandle t = lac.node.openTunnel(LNS);
        net.run(Duration.ofSeconds(1));
        assertThat(lac.up).containsExactly(t);
        assertThat(lns.up).hasSize(1);
    }

    @Test
    void tunnelAuthenticationWithAWrongSecretIsRefusedWithStopCcnNotAuthorized() {
        SimulatedNetwork.Host lns = net.host(LNS, lnsConfig().withTunnel(
                TunnelSettings.defaults("lns").withSecret(secret("s3cret"), false)));
        SimulatedNetwork.Host lac = net.host(LAC, lacConfig().withTunnel(
                TunnelSettings.defaults("lac").withSecret(secret("wrong"), false)));
        TunnelHandle t = lac.node.openTunnel(LNS);
        net.run(Duration.ofSeconds(1));
        assertThat(lac.up).isEmpty();
        assertThat(lns.up).isEmpty();
        // The LAC checks the LNS's response first, and it is wrong for the LAC's secret.
        assertThat(lac.down.get(t)).contains("not authorized");
        assertThat(lac.node.counters().get("l2tp.tunnel.auth_failed")).isEqualTo(1);
        net.run(Duration.ofMinutes(1));
        assertThat(lac.node.tunnelCount()).isZero();
        assertThat(lns.node.tunnelCount()).isZero();
    }

    @Test
    void challengeWithoutSecretOnTheLnsIsRefused() {
        SimulatedNetwork.Host lns = net.host(LNS, lnsConfig());
        SimulatedNetwork.Host lac = net.host(LAC, lacConfig().withTunnel(
                TunnelSettings.defaults("lac").withSecret(secret("s3cret"), false)));
        TunnelHandle t = lac.node.openTunnel(LNS);
        net.run(Duration.ofSeconds(1));
        assertThat(lac.down.get(t)).contains("Requester is not authorized");
        assertThat(lns.node.counters().get("l2tp.tunnel.auth_failed")).isEqualTo(1);
    }

    @Test
    void hiddenAvpsWork() {
        SimulatedNetwork.Host lns = net.host(LNS, lnsConfig().withTunnel(
                TunnelSettings.defaults("lns").withSecret(secret("hide-me"), true)));
        SimulatedNetwork.Host lac = net.host(LAC, lacConfig().withTunnel(
                TunnelSettings.defaults("lac").withSecret(secret("hide-me"), true)));
        TunnelHandle t = lac.node.openTunnel(LNS);
        SessionHandle call = lac.node.placeCall(t).orElseThrow();
        net.run(Duration.ofSeconds(1));
        assertThat(call.state()).isEqualTo(SessionState.ESTABLISHED);
        assertThat(lns.sessionsUp).hasSize(1);
        // SCCRQ and SCCRP stay clear (the receiver picks the secret by their Host Name); the
        // call messages (ICRQ, ICRP, ICCN) are hidden.
        assertThat(hiddenAvps(lac.transmitted.getFirst())).isZero();
        assertThat(hiddenAvps(lns.transmitted.getFirst())).isZero();
        assertThat(lac.transmitted.stream().mapToInt(L2tpNodeTest::hiddenAvps).sum()).isPositive();
        assertThat(lns.transmitted.stream().mapToInt(L2tpNodeTest::hiddenAvps).sum()).isPositive();
    }

    @Test
    void helloKeepsAnIdleTunnelAliveAndDetectsADeadPeer() {
        SimulatedNetwork.Host lns = net.host(LNS, lnsConfig());
        SimulatedNetwork.Host lac = net.host(LAC, lacConfig());
        TunnelHandle t = lac.node.openTunnel(LNS);
        SessionHandle call = lac.node.placeCall(t).orElseThrow();
        net.run(Duration.ofMinutes(5));
        // Each side's HELLO also counts as "heard from the peer" for the other side.
        assertThat(lac.node.counters().get("l2tp.tunnel.hello.tx")
                + lns.node.counters().get("l2tp.tunnel.hello.tx")).isGreaterThanOrEqualTo(4);
        assertThat(t.state()).isEqualTo(TunnelState.ESTABLISHED);

        net.cut = true;
        net.run(Duration.ofMinutes(3)); // 60 s to the HELLO, then 31 s of retransmissions
        assertThat(lac.down.get(t)).contains("peer not responding");
        assertThat(lac.sessionsDown).containsKey(call);
        assertThat(lac.node.tunnelCount()).isZero();
        assertThat(lns.node.tunnelCount()).isZero();
        assertThat(lac.node.counters().get("l2tp.tunnel.peer_dead")).isEqualTo(1);
    }

    @Test
    void withoutAHelloIntervalAnIdleTunnelSendsNoHello() {
        SimulatedNetwork.Host lns = net.host(LNS, lnsConfig().withTunnel(
                TunnelSettings.defaults("lns.example").withHelloInterval(Optional.empty())));
        SimulatedNetwork.Host lac = net.host(LAC, lacConfig().withTunnel(
                TunnelSettings.defaults("lac.example").withHelloInterval(Optional.empty())));
        TunnelHandle t = lac.node.openTunnel(LNS);
        net.run(Duration.ofHours(2));

        assertThat(lac.node.counters().get("l2tp.tunnel.hello.tx")).isZero();
        assertThat(lns.node.counters().get("l2tp.tunnel.hello.tx")).isZero();
        assertThat(t.state()).isEqualTo(TunnelState.ESTABLISHED);
        assertThat(lns.up).hasSize(1);
    }

    @Test
    void aHelloIntervalMustBePositive() {
        TunnelSettings defaults = TunnelSettings.defaults("lns.example");

        assertThatThrownBy(() -> defaults.withHelloInterval(Optional.of(Duration.ZERO)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("empty interval");
        assertThat(defaults.helloInterval()).contains(Duration.ofSeconds(60));
    }

    @Test
    void stopCcnFromTheLacClearsTheLnsAfterTheHoldover() {
        SimulatedNetwork.Host lns = net.host(LNS, lnsConfig());
        SimulatedNetwork.Host lac = net.host(LAC, lacConfig());
        TunnelHandle t = lac.node.openTunnel(LNS);
        lac.node.placeCall(t).orElseThrow();
        net.run(Duration.ofSeconds(1));
        lac.node.closeTunnel(t, "bye");
        net.run(Duration.ofSeconds(1));
        TunnelHandle onLns = lns.up.getFirst();
        assertThat(lns.down.get(onLns)).contains("peer sent StopCCN").contains("General request to clear");
        assertThat(lns.sessionsDown).hasSize(1);
        assertThat(onLns.state()).isEqualTo(TunnelState.CLOSING); // 5.7: kept to re-acknowledge
        net.run(Duration.ofSeconds(31));
        assertThat(lns.node.tunnelCount()).isZero();
        assertThat(lac.node.tunnelCount()).isZero();
        assertThat(lns.node.sessionCount()).isZero();
    }

    @Test
    void stopCcnFromTheLns() {
        SimulatedNetwork.Host lns = net.host(LNS, lnsConfig());
        SimulatedNetwork.Host lac = net.host(LAC, lacConfig());
        TunnelHandle t = lac.node.openTunnel(LNS);
        net.run(Duration.ofSeconds(1));
        lns.node.closeTunnel(lns.up.getFirst(), "maintenance");
        net.run(Duration.ofSeconds(1));
        assertThat(lac.down.get(t)).contains("maintenance");
    }

    @Test
    void anAbandonedTunnelEndsHereWithoutADatagramToThePeer() {
        // The tunnel lives on at another member: this one never answers for it.
        SimulatedNetwork.Host lns = net.host(LNS, lnsConfig(), localTunnelId -> false);
        SimulatedNetwork.Host lac = net.host(LAC, lacConfig());
        TunnelHandle t = lac.node.openTunnel(LNS);
        lac.node.placeCall(t).orElseThrow();
        net.run(Duration.ofSeconds(1));
        TunnelHandle ours = lns.up.getFirst();
        SessionHandle call = lns.sessionsUp.getFirst();
        int sent = lns.transmitted.size();

        lns.node.abandonTunnel(ours, "moved to another member");
        net.run(Duration.ofSeconds(70)); // past the HELLO interval (6.5): the LNS would have sent one

        assertThat(lns.transmitted).as("no StopCCN, CDN or HELLO").hasSize(sent);
        assertThat(lns.down.get(ours)).isEqualTo("moved to another member");
        assertThat(lns.sessionsDown).containsKey(call);
        assertThat(lns.node.tunnelCount()).isZero();
        assertThat(lns.node.sessionCount()).isZero();
        assertThat(lns.node.counters().counter("l2tp.rx.unknown_tunnel").get()).as("the LAC's HELLO")
                .isPositive();
        assertThat(lns.node.counters().counter("l2tp.tx.unknown_tunnel_answer.skipped.state_elsewhere").get())
                .isPositive();
    }

    @Test
    void cdnInBothDirections() {
        SimulatedNetwork.Host lns = net.host(LNS, lnsConfig());
        SimulatedNetwork.Host lac = net.host(LAC, lacConfig());
        TunnelHandle t = lac.node.openTunnel(LNS);
        SessionHandle first = lac.node.placeCall(t).orElseThrow();
        SessionHandle second = lac.node.placeCall(t).orElseThrow();
        net.run(Duration.ofSeconds(1));
        assertThat(lns.sessionsUp).hasSize(2);

        lac.node.closeSession(first, "user hung up");
        net.run(Duration.ofSeconds(1));
        assertThat(lns.sessionsDown.values()).singleElement().asString().contains("administrative");

        SessionHandle lnsSecond = lns.sessionsUp.stream()
                .filter(s -> s.peerSessionId() == second.localSessionId()).findFirst().orElseThrow();
        lns.node.closeSession(lnsSecond, "idle");
        net.run(Duration.ofSeconds(1));
        assertThat(lac.sessionsDown.get(second)).contains("administrative");
        assertThat(lac.node.sessionCount()).isZero();
        assertThat(lns.node.sessionCount()).isZero();
        assertThat(t.state()).isEqualTo(TunnelState.ESTABLISHED);
    }

    @Test
    void sessionLimitRefusesTheCallWithCdnTemporaryLackOfFacilities() {
        SimulatedNetwork.Host lns = net.host(LNS, lnsConfig().withLimits(new L2tpLimits(10, 10, 10, 1)));
        SimulatedNetwork.Host lac = net.host(LAC, lacConfig());
        TunnelHandle t = lac.node.openTunnel(LNS);
        lac.node.placeCall(t).orElseThrow();
        SessionHandle refused = lac.node.placeCall(t).orElseThrow();
        net.run(Duration.ofSeconds(1));
        assertThat(lns.sessionsUp).hasSize(1);
        assertThat(lac.sessionsDown.get(refused)).contains("temporary condition");
        assertThat(lns.node.counters().get("l2tp.session.refused.limit")).isEqualTo(1);
    }

    @Test
    void tunnelLimitPerAddressRefusesWithStopCcn() {
        SimulatedNetwork.Host lns = net.host(LNS, lnsConfig().withLimits(new L2tpLimits(10, 1, 10, 10)));
        SimulatedNetwork.Host lac = net.host(LAC, lacConfig());
        TunnelHandle first = lac.node.openTunnel(LNS);
        TunnelHandle second = lac.node.openTunnel(LNS);
        net.run(Duration.ofSeconds(1));
        assertThat(first.state()).isEqualTo(TunnelState.ESTABLISHED);
        assertThat(lac.down.get(second)).contains("Insufficient resources");
        assertThat(lns.node.tunnelCount()).isEqualTo(1);
        assertThat(lns.node.counters().get("l2tp.tunnel.refused.limit")).isEqualTo(1);
    }

    @Test
    void severalTunnelsFromOneAddressOnDifferentPorts() {
        SimulatedNetwork.Host lns = net.host(LNS, lnsConfig());
        SimulatedNetwork.Host nat1 = net.host(SimulatedNetwork.address("203.0.113.9", 40001), lacConfig());
        SimulatedNetwork.Host nat2 = net.host(SimulatedNetwork.address("203.0.113.9", 40002), lacConfig());
        TunnelHandle a = nat1.node.openTunnel(LNS);
        TunnelHandle b = nat2.node.openTunnel(LNS);
        TunnelHandle c = nat1.node.openTunnel(LNS);
        net.run(Duration.ofSeconds(1));
        assertThat(lns.up).hasSize(3);
        assertThat(a.state()).isEqualTo(TunnelState.ESTABLISHED);
        assertThat(b.state()).isEqualTo(TunnelState.ESTABLISHED);
        assertThat(c.state()).isEqualTo(TunnelState.ESTABLISHED);
    }

    @Test
    void retransmittedSccrqDoesNotCreateASecondTunnel() {
        SimulatedNetwork.Host lns = net.host(LNS, lnsConfig());
        SimulatedNetwork.Host lac = net.host(LAC, lacConfig());
        net.cut = false;
        TunnelHandle t = lac.node.openTunnel(LNS);
        ByteBuffer sccrq = lac.transmitted.getFirst();
        lns.node.receive(LAC, sccrq.duplicate()); // the same SCCRQ delivered twice more
        lns.node.receive(LAC, sccrq.duplicate());
        net.run(Duration.ofSeconds(2));
        assertThat(lns.node.tunnelCount()).isEqualTo(1);
        assertThat(t.state()).isEqualTo(TunnelState.ESTABLISHED);
    }

    @Test
    void garbageIsCountedAndDropped() {
        SimulatedNetwork.Host lns = net.host(LNS, lnsConfig());
        lns.node.receive(LAC, ByteBuffer.wrap(new byte[] {(byte) 0xC8, 0x02, 0, 40, 0, 0}));
        lns.node.receive(LAC, ByteBuffer.wrap(new byte[] {1}));
        assertThat(lns.node.counters().snapshot()).containsKeys("l2tp.rx.malformed.truncated");
        assertThat(lns.node.tunnelCount()).isZero();
        assertThat(lns.transmitted).isEmpty();
    }

    @Test
    void dataForAnUnknownSessionIsDropped() {
        SimulatedNetwork.Host lns = net.host(LNS, lnsConfig());
        lns.node.receive(LAC, io.cohort.l2tp.wire.L2tpCodec.encodeData(7, 9, ByteBuffer.wrap(new byte[] {1, 2}),
                false, 0, 0, false, 0));
        assertThat(lns.node.counters().get("l2tp.rx.data.dropped")).isEqualTo(1);
    }

    @Test
    void lacRoleCannotAcceptTunnels() {
        SimulatedNetwork.Host other = net.host(LNS, lacConfig());
        SimulatedNetwork.Host lac = net.host(LAC, lacConfig());
        TunnelHandle t = lac.node.openTunnel(LNS);
        net.run(Duration.ofSeconds(1));
        assertThat(other.node.tunnelCount()).isZero();
        assertThat(lac.down.get(t)).contains("not authorized");
    }

    /** Counts the AVPs with the H bit in a control message (4.1: bit 1 of the first octet). */
    private static int hiddenAvps(ByteBuffer control) {
        int n = 0;
        if ((control.get(0) & 0x80) == 0) {
            return 0; // a data message
        }
        int pos = 12;
        while (pos + 6 <= control.limit()) {
            int bits = control.getChar(pos);
            if ((bits & 0x4000) != 0) {
                n++;
            }
            if ((bits & 0x03FF) < 6) {
                break;
            }
            pos += bits & 0x03FF;
        }
        return n;
    }
}
