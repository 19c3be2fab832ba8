package io.cohort.l2tp;

import static org.assertj.core.api.Assertions.assertThat;

import io.cohort.l2tp.session.SessionHandle;
import io.cohort.l2tp.session.SessionState;
import io.cohort.l2tp.tunnel.L2tpTunnelState;
import io.cohort.l2tp.tunnel.TunnelHandle;
import io.cohort.l2tp.tunnel.TunnelState;
import io.cohort.l2tp.wire.Avp;
import io.cohort.l2tp.wire.CdnResult;
import io.cohort.l2tp.wire.MessageType;
import io.cohort.l2tp.wire.StopCcnResult;
import io.cohort.testsupport.FailingCaseReport;
import io.cohort.testsupport.RandomValues;
import io.cohort.testsupport.SeededCases;
import io.cohort.time.VirtualScheduler;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Over seeded random tunnel histories (calls placed, half-placed and cleared from either end,
 * call status, HELLOs, data both ways, time passing with messages unacknowledged, teardown): at
 * every step, the state of a tunnel rebuilt from the LNS's replicated state (patent figure 7)
 * is that same state, and the history carries on across a real takeover halfway.
 */
@ExtendWith(FailingCaseReport.class)
class TunnelStateRoundTripTest {

    enum Kind { CALL, ICRQ_ONLY, HELLO, WEN, SLI, PEER_CDN, LNS_CDN, LNS_CDN_ALL, DATA_IN, DATA_OUT, ZLB, WAIT, STOP_CCN, LNS_CLOSE }

    /** One step of a history; {@code value} picks a session, a length of time, an Ns, an AVP value. */
    record Step(Kind kind, int value) {}

    private static Step step(RandomValues r) {
        int i = r.weightedIndex(6, 3, 3, 2, 2, 2, 2, 1, 5, 5, 3, 4, 1, 1);
        return new Step(Kind.values()[i], r.intBetween(0, 0xFFFF));
    }

    static List<Step> history(RandomValues r) {
        return r.listOf(1, 40, TunnelStateRoundTripTest::step);
    }

    static Stream<Arguments> histories() {
        return SeededCases.of(200, r -> Arguments.of(history(r), r.intBetween(0, 40)));
    }

    /** The generator reaches every kind of step, so no part of the state goes untested. */
    @Test
    void historiesCoverEveryKindOfStep() {
        RandomValues r = new RandomValues(1);
        Set<Kind> seen = Stream.generate(() -> history(r)).limit(200).flatMap(List::stream).map(Step::kind)
                .collect(Collectors.toCollection(() -> EnumSet.noneOf(Kind.class)));
        assertThat(seen).containsExactlyInAnyOrder(Kind.values());
    }

    /**
     * The histories reach the states that matter for a takeover: messages unacknowledged, messages
     * queued behind the window (5.8), half-placed calls, sequenced data and a closing tunnel.
     */
    @Test
    void historiesReachTheInterestingStates() {
        RandomValues r = new RandomValues(2);
        boolean unacknowledged = false;
        boolean unsent = false;
        boolean halfPlaced = false;
        boolean sequenced = false;
        boolean closing = false;
        for (int h = 0; h < 100; h++) {
            ScriptedPeer lac = new ScriptedPeer(L2tpConfig.lns("lns.example")).establish();
            TunnelHandle t = lac.tunnelsUp.getFirst();
            int nextCall = 1;
            for (Step step : history(r)) {
                Optional<L2tpTunnelState> saved = lac.lns.failoverState(t);
                if (saved.isEmpty()) {
                    break;
                }
                L2tpTunnelState s = saved.get();
                unacknowledged |= !s.essential().control().unacknowledged().isEmpty();
                unsent |= !s.essential().control().unsent().isEmpty();
                halfPlaced |= s.sessions().stream().anyMatch(c -> c.essential().state() == SessionState.WAIT_CONNECT);
                sequenced |= s.sessions().stream().anyMatch(c -> c.essential().sendSequenced());
                closing |= s.essential().state() == TunnelState.CLOSING;
                lac.received.clear();
                nextCall = play(lac, t, step, nextCall);
            }
        }
        assertThat(List.of(unacknowledged, unsent, halfPlaced, sequenced, closing)).containsOnly(true);
    }

    @ParameterizedTest
    @MethodSource("histories")
    void aRebuiltTunnelHasTheStateItWasRebuiltFrom(List<Step> history, int takeOverAt) {
        ScriptedPeer lac = new ScriptedPeer(L2tpConfig.lns("lns.example")).establish();
        TunnelHandle t = lac.tunnelsUp.getFirst();
        int nextCall = 1;
        for (int i = 0; i < history.size(); i++) {
            Optional<L2tpTunnelState> saved = lac.lns.failoverState(t);
            if (saved.isEmpty()) {
                return; // released: nothing left to replicate
            }
            assertThat(rebuilt(saved.get())).as("rebuilt before step %d", i).isEqualTo(saved.get());
            if (i == takeOverAt) {
                t = lac.takeOver(saved.get());
            }
            lac.received.clear();
            nextCall = play(lac, t, history.get(i), nextCall);
        }
        lac.lns.failoverState(t).ifPresent(s -> assertThat(rebuilt(s)).isEqualTo(s));
    }

    /** The state of a tunnel rebuilt from {@code saved} on a fresh member that hears nothing. */
    private static L2tpTunnelState rebuilt(L2tpTunnelState saved) {
        L2tpNode fresh = new L2tpNode(L2tpConfig.lns("lns.example"), new VirtualScheduler(), new Silent());
        TunnelHandle t = fresh.restoreTunnel(saved);
        return fresh.failoverState(t).orElseThrow();
    }

    private static int play(ScriptedPeer lac, TunnelHandle t, Step step, int nextCall) {
        boolean up = t.state() == TunnelState.ESTABLISHED;
        List<SessionHandle> calls = lac.lns.sessions(t);
        Optional<SessionHandle> call = calls.isEmpty() ? Optional.empty()
                : Optional.of(calls.get(step.value() % calls.size()));
        Optional<SessionHandle> established = call.filter(s -> s.state() == SessionState.ESTABLISHED);
        switch (step.kind()) {
            case CALL -> {
                if (up && calls.size() < 20) {
                    placeCall(lac, nextCall++);
                }
            }
            case ICRQ_ONLY -> lac.send(0, MessageType.ICRQ, new Avp.AssignedSessionId(nextCall),
                    new Avp.CallSerialNumber(nextCall++));
            case HELLO -> lac.send(0, MessageType.HELLO);
            case WEN -> established.ifPresent(s -> lac.send(s.localSessionId(), MessageType.WEN,
                    new Avp.CallErrors(step.value(), 0, 1, 0, 2, 0)));
            case SLI -> established.ifPresent(s -> lac.send(s.localSessionId(), MessageType.SLI,
                    new Avp.Accm(step.value(), ~step.value())));
            case PEER_CDN -> call.ifPresent(s -> lac.send(s.localSessionId(), MessageType.CDN,
                    new Avp.ResultCode(CdnResult.ADMINISTRATIVE.code(), OptionalInt.empty(), ""),
                    new Avp.AssignedSessionId(s.peerSessionId())));
            case LNS_CDN -> call.ifPresent(s -> lac.lns.closeSession(s, "operator"));
            case LNS_CDN_ALL -> calls.forEach(s -> lac.lns.closeSession(s, "operator")); // CDNs queue (5.8)
            case DATA_IN -> established.ifPresent(s -> lac.sendData(s.localSessionId(), new byte[] {(byte) 0xC0, 0x21},
                    step.value() % 2 == 0, step.value() / 2));
            case DATA_OUT -> established.ifPresent(s -> lac.lns.sendData(s, ByteBuffer.wrap(new byte[] {(byte) 0xC0})));
            case ZLB -> lac.zlb();
            case WAIT -> lac.scheduler.advance(Duration.ofMillis(step.value() % 3000));
            case STOP_CCN -> lac.send(0, MessageType.StopCCN, new Avp.AssignedTunnelId(ScriptedPeer.OUR_TUNNEL),
                    new Avp.ResultCode(StopCcnResult.GENERAL_REQUEST_TO_CLEAR.code(), OptionalInt.empty(), ""));
            case LNS_CLOSE -> lac.lns.closeTunnel(t, "operator");
        }
        return nextCall;
    }

    /** ICRQ, then ICCN if the ICRP came (it may wait behind a full window, 5.8). */
    private static void placeCall(ScriptedPeer lac, int ourSession) {
        lac.send(0, MessageType.ICRQ, new Avp.AssignedSessionId(ourSession), new Avp.CallSerialNumber(ourSession));
        lac.settle();
        lac.messages().stream().filter(m -> m.type() == MessageType.ICRP).findFirst()
                .flatMap(icrp -> icrp.find(Avp.AssignedSessionId.class))
                .ifPresent(lnsSession -> lac.send(lnsSession.id(), MessageType.ICCN,
                        new Avp.TxConnectSpeed(10_000_000L), new Avp.FramingType(true, false)));
    }

    /** A member that takes tunnels over only to read their state back: it hears nothing. */
    private static final class Silent implements L2tpEvents {
        @Override public void transmit(InetSocketAddress peer, ByteBuffer datagram) { }
        @Override public void tunnelUp(TunnelHandle tunnel) { }
        @Override public void tunnelDown(TunnelHandle tunnel, String reason) { }
        @Override public void sessionUp(SessionHandle session) { }
        @Override public void sessionData(SessionHandle session, ByteBuffer pppFrame) { }
        @Override public void sessionDown(SessionHandle session, String reason) { }
    }
}
