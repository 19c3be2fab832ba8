package io.cohort.l2tp;

import static org.assertj.core.api.Assertions.assertThat;

import io.cohort.l2tp.wire.Avp;
import io.cohort.l2tp.wire.ControlMessage;
import io.cohort.l2tp.wire.GeneralError;
import io.cohort.l2tp.wire.MessageType;
import io.cohort.l2tp.wire.StopCcnResult;
import java.time.Duration;
import java.util.OptionalInt;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The LNS's control connection automaton (RFC 2661 7.2.1) against a scripted LAC: each row puts
 * the tunnel in a state, sends one message and names the StopCCN result (and general error) it
 * must answer with; the tunnel then closes and is released after the full retransmission cycle.
 */
class TunnelControlStatesTest {
    enum Start { WAIT_CTL_CONN, ESTABLISHED }

    static Stream<Arguments> rows() {
        Avp[] sccrq = ScriptedPeer.sccrq(1, 8);
        Avp[] sccrp = sccrq;
        Avp[] icrq = {new Avp.AssignedSessionId(5), new Avp.CallSerialNumber(5)};
        return Stream.of(
                // start state, message, its AVPs, StopCCN result, general error (-1: none)
                Arguments.of(Start.WAIT_CTL_CONN, MessageType.SCCRQ, sccrq, StopCcnResult.FSM_ERROR, -1),
                Arguments.of(Start.WAIT_CTL_CONN, MessageType.SCCRP, sccrp, StopCcnResult.FSM_ERROR, -1),
                Arguments.of(Start.WAIT_CTL_CONN, MessageType.ICRQ, icrq, StopCcnResult.FSM_ERROR, -1),
                Arguments.of(Start.ESTABLISHED, MessageType.SCCRQ, sccrq, StopCcnResult.FSM_ERROR, -1),
                Arguments.of(Start.ESTABLISHED, MessageType.SCCRP, sccrp, StopCcnResult.FSM_ERROR, -1),
                Arguments.of(Start.ESTABLISHED, MessageType.SCCCN, new Avp[0], StopCcnResult.FSM_ERROR, -1));
    }

    @ParameterizedTest(name = "{0} + {1} -> StopCCN {3}")
    @MethodSource("rows")
    void unexpectedMessagesAreAnsweredWithStopCcn(Start start, MessageType type, Avp[] avps, StopCcnResult result,
                                                  int error) {
        ScriptedPeer lac = new ScriptedPeer(L2tpConfig.lns("lns.example"));
        if (start == Start.ESTABLISHED) {
            lac.establish();
        } else {
            lac.requestTunnel();
        }
        lac.send(0, type, avps);
        assertStopCcn(lac, result, error);
    }

    static Stream<Arguments> unacceptableRequests() {
        return Stream.of(
                Arguments.of("protocol version 2", 2, 8, StopCcnResult.UNSUPPORTED_PROTOCOL_VERSION, -1),
                Arguments.of("receive window 0", 1, 0, StopCcnResult.GENERAL_ERROR, GeneralError.BAD_VALUE.code()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("unacceptableRequests")
    void anUnacceptableSccrqIsRefusedWithStopCcn(String name, int version, int window, StopCcnResult result,
                                                 int error) {
        ScriptedPeer lac = new ScriptedPeer(L2tpConfig.lns("lns.example"));
        lac.sendSccrq(version, window);
        ControlMessage stop = lac.expect(MessageType.StopCCN);
        lac.lnsTunnel = stop.find(Avp.AssignedTunnelId.class).orElseThrow().id();
        Avp.ResultCode rc = stop.find(Avp.ResultCode.class).orElseThrow();
        assertThat(rc.result()).isEqualTo(result.code());
        if (error >= 0) {
            assertThat(rc.error()).isEqualTo(OptionalInt.of(error));
        }
        assertThat(lac.tunnelsUp).isEmpty();
        lac.scheduler.advance(Duration.ofMinutes(1));
        assertThat(lac.lns.tunnelCount()).isZero();
    }

    private static void assertStopCcn(ScriptedPeer lac, StopCcnResult result, int error) {
        ControlMessage stop = lac.expect(MessageType.StopCCN);
        Avp.ResultCode rc = stop.find(Avp.ResultCode.class).orElseThrow();
        assertThat(rc.result()).isEqualTo(result.code());
        if (error >= 0) {
            assertThat(rc.error()).isEqualTo(OptionalInt.of(error));
        }
        assertThat(stop.find(Avp.AssignedTunnelId.class).orElseThrow().id()).isPositive();
        assertThat(lac.lns.counters().get("l2tp.tunnel.fsm_error")).isEqualTo(result == StopCcnResult.FSM_ERROR ? 1 : 0);
        // 5.7: the tunnel lingers for one full retransmission cycle, then is gone.
        assertThat(lac.lns.tunnelCount()).isEqualTo(1);
        lac.scheduler.advance(Duration.ofMinutes(1));
        assertThat(lac.lns.tunnelCount()).isZero();
    }
}
