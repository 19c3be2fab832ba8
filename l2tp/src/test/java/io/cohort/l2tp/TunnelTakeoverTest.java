package io.cohort.l2tp;

import static org.assertj.core.api.Assertions.assertThat;

import io.cohort.l2tp.session.L2tpSessionState;
import io.cohort.l2tp.session.SessionHandle;
import io.cohort.l2tp.session.SessionState;
import io.cohort.l2tp.tunnel.L2tpTunnelState;
import io.cohort.l2tp.tunnel.PendingControlMessage;
import io.cohort.l2tp.tunnel.TunnelHandle;
import io.cohort.l2tp.tunnel.TunnelSettings;
import io.cohort.l2tp.tunnel.TunnelState;
import io.cohort.l2tp.wire.Avp;
import io.cohort.l2tp.wire.ControlMessage;
import io.cohort.l2tp.wire.ControlPacket;
import io.cohort.l2tp.wire.DataPacket;
import io.cohort.l2tp.wire.HidingSecret;
import io.cohort.l2tp.wire.MessageType;
import io.cohort.l2tp.wire.StopCcnResult;
import io.cohort.l2tp.wire.TunnelAuthentication;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * An LNS member dies mid-session and another takes its tunnel over from the replicated state
 * (patent figure 7): the scripted LAC, which knows nothing of it, carries on with the same Ns/Nr
 * (RFC 2661 5.8), HELLOs (6.5), calls and data (5.4), and finally clears the tunnel (5.7).
 */
class TunnelTakeoverTest {
    private final ScriptedPeer lac = new ScriptedPeer(L2tpConfig.lns("lns.example")).establish();

    private L2tpTunnelState saved() {
        return lac.lns.failoverState(lac.tunnelsUp.getFirst()).orElseThrow();
    }

    @Test
    void theNextControlMessageIsAcceptedWithConsistentNsAndNr() {
        int lnsSession = lac.placeCall(7);
        TunnelHandle t = lac.takeOver(saved());
        assertThat(t.state()).isEqualTo(TunnelState.ESTABLISHED);
        assertThat(lac.lns.sessionCount()).isEqualTo(1);

        lac.send(0, MessageType.HELLO);
        lac.settle();
        assertThat(lac.messages()).as("only acknowledged").isEmpty();
        ControlPacket zlb = lac.zlbs().getLast();
        assertThat(zlb.header().nr()).as("acknowledges the HELLO").isEqualTo(lac.ns);
        assertThat(zlb.header().ns()).as("the LNS's next Ns is what we expect").isEqualTo(lac.nr);

        // A second call on the rebuilt tunnel: ICRP with the next Ns, acknowledging our ICRQ.
        lac.received.clear();
        int second = lac.placeCall(8);
        assertThat(second).isNotEqualTo(lnsSession);
        assertThat(lac.lns.sessionCount()).isEqualTo(2);
        assertThat(lac.sessionsUp.getLast().state()).isEqualTo(SessionState.ESTABLISHED);
    }

    @Test
    void theRebuiltLnsSendsItsOwnHelloAfterTheIntervalWithTheRightNumbers() {
        lac.placeCall(7);
        lac.takeOver(saved());
        lac.scheduler.advance(Duration.ofSeconds(61));
        ControlPacket hello = lac.received.stream().filter(p -> !p.isZlb()).findFirst().orElseThrow();
        assertThat(hello.message().orElseThrow().type()).isEqualTo(MessageType.HELLO);
        assertThat(hello.header().ns()).isEqualTo((lac.nr - 1) & 0xFFFF);
        assertThat(hello.header().nr()).isEqualTo(lac.ns);
        lac.zlb();
        lac.settle();
        assertThat(lac.lns.tunnelCount()).isEqualTo(1);
    }

    @Test
    void anUnacknowledgedMessageIsRetransmittedByTheNewOwner() {
        lac.send(0, MessageType.ICRQ, new Avp.AssignedSessionId(7), new Avp.CallSerialNumber(7));
        ControlMessage icrp = lac.expect(MessageType.ICRP);
        int icrpNs = lac.received.stream().filter(p -> !p.isZlb()).findFirst().orElseThrow().header().ns();
        L2tpTunnelState saved = saved();
        assertThat(saved.essential().control().unacknowledged()).extracting(PendingControlMessage::message)
                .containsExactly(icrp);

        lac.takeOver(saved);
        lac.received.clear();
        lac.scheduler.advance(Duration.ofMillis(1500)); // the first retransmission interval is 1 s
        assertThat(lac.messages()).containsExactly(icrp);
        assertThat(lac.received.getFirst().header().ns()).isEqualTo(icrpNs);
        assertThat(lac.received.getFirst().header().nr()).isEqualTo(lac.ns);

        int lnsSession = icrp.find(Avp.AssignedSessionId.class).orElseThrow().id();
        lac.send(lnsSession, MessageType.ICCN, new Avp.TxConnectSpeed(10_000_000L), new Avp.FramingType(true, false));
        lac.settle();
        assertThat(lac.sessionsUp).singleElement().satisfies(s -> {
            assertThat(s.localSessionId()).isEqualTo(lnsSession);
            assertThat(s.state()).isEqualTo(SessionState.ESTABLISHED);
        });
        lac.received.clear();
        lac.scheduler.advance(Duration.ofSeconds(20));
        assertThat(lac.messages()).as("acknowledged by our ICCN: never sent again").isEmpty();
    }

    @Test
    void sequencedDataKeepsFlowingBothWaysAfterAForwardJump() {
        int lnsSession = lac.placeCall(7);
        for (int ns = 0; ns < 5; ns++) {
            lac.sendData(lnsSession, new byte[] {(byte) 0xC0, 0x21, (byte) ns}, true, ns);
        }
        SessionHandle first = lac.sessionsUp.getFirst();
        for (int i = 0; i < 3; i++) {
            assertThat(lac.lns.sendData(first, ByteBuffer.wrap(new byte[] {(byte) 0xC0, 0x21}))).isTrue();
        }
        assertThat(lac.dataReceived).extracting(d -> d.header().ns()).containsExactly(0, 1, 2);
        L2tpTunnelState saved = saved();
        L2tpSessionState call = saved.sessions().getFirst();
        assertThat(call.dataSequence().nextNs()).isEqualTo(3);
        assertThat(call.dataSequence().expectedNs()).isEqualTo(5);

        // The replicated copy may lag the data: the new owner resumes with a forward jump.
        L2tpSessionState resumed = new L2tpSessionState(call.initial(), call.essential(),
                call.dataSequence().resumedAfter(16));
        TunnelHandle t = lac.takeOver(new L2tpTunnelState(saved.initial(), saved.essential(),
                List.of(resumed)));
        long dataBefore = lac.events.stream().filter("data"::equals).count();

        lac.sendData(lnsSession, new byte[] {(byte) 0xC0, 0x21, 5}, true, 5);
        lac.sendData(lnsSession, new byte[] {(byte) 0xC0, 0x21, 6}, true, 6);
        assertThat(lac.events.stream().filter("data"::equals).count()).isEqualTo(dataBefore + 2);

        SessionHandle rebuilt = lac.lns.sessions(t).getFirst();
        assertThat(rebuilt.peerSessionId()).isEqualTo(7);
        assertThat(lac.lns.sendData(rebuilt, ByteBuffer.wrap(new byte[] {(byte) 0xC0, 0x21}))).isTrue();
        DataPacket out = lac.dataReceived.getLast();
        assertThat(out.header().sessionId()).isEqualTo(7);
        assertThat(out.header().tunnelId()).isEqualTo(ScriptedPeer.OUR_TUNNEL);
        assertThat(out.header().ns()).as("ahead of what we saw: a gap, not old (5.4)").isEqualTo(19);
        assertThat(lac.lns.counters().get("l2tp.rx.data.dropped")).isZero();
    }

    @Test
    void aStopCcnTearsTheRebuiltTunnelDown() {
        lac.placeCall(7);
        TunnelHandle t = lac.takeOver(saved());
        lac.events.clear();
        lac.send(0, MessageType.StopCCN, new Avp.AssignedTunnelId(ScriptedPeer.OUR_TUNNEL),
                new Avp.ResultCode(StopCcnResult.GENERAL_REQUEST_TO_CLEAR.code(), OptionalInt.empty(), ""));
        lac.settle();
        assertThat(lac.zlbs().getLast().header().nr()).as("StopCCN acknowledged (5.7)").isEqualTo(lac.ns);
        assertThat(t.state()).isEqualTo(TunnelState.CLOSING);
        assertThat(lac.events).anyMatch(e -> e.startsWith("session down"))
                .anyMatch(e -> e.startsWith("tunnel down: peer sent StopCCN"));
        assertThat(lac.lns.sessionCount()).isZero();
        lac.scheduler.advance(Duration.ofSeconds(60)); // more than the full retransmission cycle
        assertThat(t.state()).isEqualTo(TunnelState.CLOSED);
        assertThat(lac.lns.tunnelCount()).isZero();
    }

    /** 5.1.1: the challenge sent in SCCRP by the first member is checked by the second. */
    @ParameterizedTest(name = "right response: {0}")
    @ValueSource(booleans = {true, false})
    void tunnelAuthenticationInProgressIsCarriedOver(boolean rightResponse) {
        HidingSecret secret = HidingSecret.of("s3cret".getBytes(StandardCharsets.UTF_8));
        ScriptedPeer peer = new ScriptedPeer(L2tpConfig.lns("lns.example")
                .withTunnel(TunnelSettings.defaults("lns.example").withSecret(secret, false)));
        peer.sendSccrq(1, 8);
        ControlMessage sccrp = peer.expect(MessageType.SCCRP);
        peer.lnsTunnel = sccrp.find(Avp.AssignedTunnelId.class).orElseThrow().id();
        byte[] challenge = sccrp.find(Avp.Challenge.class).orElseThrow().value();
        L2tpTunnelState saved = peer.lns.failoverStates().getFirst();
        assertThat(saved.essential().state()).isEqualTo(TunnelState.WAIT_CTL_CONN);
        assertThat(saved.essential().ourChallenge()).contains(new Avp.Challenge(challenge));

        TunnelHandle t = peer.takeOver(saved);
        peer.received.clear();
        byte[] response = TunnelAuthentication.challengeResponse(MessageType.SCCCN,
                rightResponse ? secret : HidingSecret.of("wrong".getBytes(StandardCharsets.UTF_8)), challenge);
        peer.send(0, MessageType.SCCCN, new Avp.ChallengeResponse(response));
        peer.settle();
        if (rightResponse) {
            assertThat(peer.tunnelsUp).containsExactly(t);
            assertThat(t.state()).isEqualTo(TunnelState.ESTABLISHED);
            assertThat(peer.lns.failoverState(t).orElseThrow().essential().ourChallenge()).isEmpty();
        } else {
            assertThat(peer.tunnelsUp).isEmpty();
            ControlMessage stop = peer.messages().getFirst();
            assertThat(stop.type()).isEqualTo(MessageType.StopCCN);
            assertThat(stop.find(Avp.ResultCode.class).orElseThrow().result())
                    .isEqualTo(StopCcnResult.NOT_AUTHORIZED.code());
        }
    }

    @Test
    void aClosingTunnelIsTakenOverAndStillReleasedAfterTheRetransmissionCycle() {
        lac.placeCall(7);
        lac.lns.closeTunnel(lac.tunnelsUp.getFirst(), "maintenance");
        L2tpTunnelState saved = saved();
        assertThat(saved.essential().state()).isEqualTo(TunnelState.CLOSING);
        assertThat(saved.sessions()).isEmpty();
        lac.received.clear();
        TunnelHandle t = lac.takeOver(saved);
        lac.scheduler.advance(Duration.ofMillis(1500));
        assertThat(lac.messages()).extracting(ControlMessage::type).containsExactly(MessageType.StopCCN);
        lac.zlb();
        lac.scheduler.advance(Duration.ofSeconds(60));
        assertThat(t.state()).isEqualTo(TunnelState.CLOSED);
        assertThat(lac.lns.tunnelCount()).isZero();
    }
}
