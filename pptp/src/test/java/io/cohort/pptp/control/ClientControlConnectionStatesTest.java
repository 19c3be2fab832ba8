package io.cohort.pptp.control;

import static org.assertj.core.api.Assertions.assertThat;

import io.cohort.pptp.wire.ControlMessage;
import io.cohort.pptp.wire.ControlMessageType;
import io.cohort.pptp.wire.StopControlConnectionReason;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * State x event -> actions of a live {@link ClientControlConnection} (RFC 2637 3.1.1, 3.2.4.2):
 * each row puts a connection (with one connected call once established) into a state, delivers
 * one message, and checks the next state, the messages sent, whether the transport was closed and
 * how many calls remain.
 */
class ClientControlConnectionStatesTest {
    private ScriptedPac in(ClientControlState state) {
        ScriptedPac p = new ScriptedPac();
        if (state == ClientControlState.WAIT_CTL_REPLY) {
            p.sent.clear();
            return p;
        }
        p.established();
        p.call();
        switch (state) {
            case WAIT_STOP_REPLY -> p.connection.shutdown(StopControlConnectionReason.STOP_LOCAL_SHUTDOWN, "test");
            case CLOSED -> p.connection.transportClosed("test");
            default -> { }
        }
        p.sent.clear();
        return p;
    }

    /** One sample of each message type, addressed to the call {@link #in} sets up where it names one. */
    private static ControlMessage sample(ControlMessageType type, int ourCallId) {
        return switch (type) {
            case START_CONTROL_CONNECTION_REQUEST -> new ControlMessage.StartControlConnectionRequest(0x0100, 1, 1, 0,
                    1, "x", "y");
            case START_CONTROL_CONNECTION_REPLY -> ScriptedPac.startReply(0x0100, 1);
            case STOP_CONTROL_CONNECTION_REQUEST -> new ControlMessage.StopControlConnectionRequest(1);
            case STOP_CONTROL_CONNECTION_REPLY -> new ControlMessage.StopControlConnectionReply(1, 0);
            case ECHO_REQUEST -> new ControlMessage.EchoRequest(42);
            case ECHO_REPLY -> new ControlMessage.EchoReply(42, 1, 0);
            case OUTGOING_CALL_REQUEST -> new ControlMessage.OutgoingCallRequest(5, 1, 2400, 10_000_000, 3, 3, 64, 0,
                    0, "", "");
            case OUTGOING_CALL_REPLY -> ScriptedPac.callReply(ourCallId, 1, 0);
            case INCOMING_CALL_REQUEST -> new ControlMessage.IncomingCallRequest(77, 1, 1, 0, 0, 0, "", "", "");
            case INCOMING_CALL_REPLY -> new ControlMessage.IncomingCallReply(1, 2, 1, 0, 64, 0);
            case INCOMING_CALL_CONNECTED -> new ControlMessage.IncomingCallConnected(1, 9600, 64, 0, 1);
            case CALL_CLEAR_REQUEST -> new ControlMessage.CallClearRequest(ScriptedPac.PAC_CALL);
            case CALL_DISCONNECT_NOTIFY -> new ControlMessage.CallDisconnectNotify(ScriptedPac.PAC_CALL, 1, 0, 0, "");
            case WAN_ERROR_NOTIFY -> new ControlMessage.WanErrorNotify(ourCallId, 1, 2, 3, 4, 5, 6);
            case SET_LINK_INFO -> new ControlMessage.SetLinkInfo(ScriptedPac.PAC_CALL, 0xFFFF_FFFFL, 0);
        };
    }

    @ParameterizedTest(name = "{0} x {1} -> {2}, sends [{3}], closes {4}, calls {5}")
    @CsvSource(delimiter = '|', value = {
            "WAIT_CTL_REPLY  | START_CONTROL_CONNECTION_REPLY   | ESTABLISHED     |                                 | false | 0",
            "WAIT_CTL_REPLY  | START_CONTROL_CONNECTION_REQUEST | CLOSED          |                                 | true  | 0",
            "WAIT_CTL_REPLY  | ECHO_REQUEST                     | CLOSED          |                                 | true  | 0",
            "WAIT_CTL_REPLY  | OUTGOING_CALL_REPLY              | CLOSED          |                                 | true  | 0",
            "WAIT_CTL_REPLY  | STOP_CONTROL_CONNECTION_REQUEST  | CLOSED          | STOP_CONTROL_CONNECTION_REPLY   | true  | 0",
            "ESTABLISHED     | START_CONTROL_CONNECTION_REPLY   | WAIT_STOP_REPLY | CALL_CLEAR_REQUEST STOP_CONTROL_CONNECTION_REQUEST | false | 0",
            "ESTABLISHED     | START_CONTROL_CONNECTION_REQUEST | WAIT_STOP_REPLY | CALL_CLEAR_REQUEST STOP_CONTROL_CONNECTION_REQUEST | false | 0",
            "ESTABLISHED     | STOP_CONTROL_CONNECTION_REQUEST  | CLOSED          | STOP_CONTROL_CONNECTION_REPLY   | true  | 0",
            "ESTABLISHED     | STOP_CONTROL_CONNECTION_REPLY    | WAIT_STOP_REPLY | CALL_CLEAR_REQUEST STOP_CONTROL_CONNECTION_REQUEST | false | 0",
            "ESTABLISHED     | ECHO_REQUEST                     | ESTABLISHED     | ECHO_REPLY                      | false | 1",
            "ESTABLISHED     | ECHO_REPLY                       | ESTABLISHED     |                                 | false | 1",
            "ESTABLISHED     | OUTGOING_CALL_REQUEST            | WAIT_STOP_REPLY | CALL_CLEAR_REQUEST STOP_CONTROL_CONNECTION_REQUEST | false | 0",
            "ESTABLISHED     | OUTGOING_CALL_REPLY              | ESTABLISHED     |                                 | false | 1",
            "ESTABLISHED     | INCOMING_CALL_REQUEST            | ESTABLISHED     | INCOMING_CALL_REPLY             | false | 1",
            "ESTABLISHED     | INCOMING_CALL_REPLY              | WAIT_STOP_REPLY | CALL_CLEAR_REQUEST STOP_CONTROL_CONNECTION_REQUEST | false | 0",
            "ESTABLISHED     | INCOMING_CALL_CONNECTED          | WAIT_STOP_REPLY | CALL_CLEAR_REQUEST STOP_CONTROL_CONNECTION_REQUEST | false | 0",
            "ESTABLISHED     | CALL_CLEAR_REQUEST               | WAIT_STOP_REPLY | CALL_CLEAR_REQUEST STOP_CONTROL_CONNECTION_REQUEST | false | 0",
            "ESTABLISHED     | CALL_DISCONNECT_NOTIFY           | ESTABLISHED     |                                 | false | 0",
            "ESTABLISHED     | WAN_ERROR_NOTIFY                 | ESTABLISHED     |                                 | false | 1",
            "ESTABLISHED     | SET_LINK_INFO                    | WAIT_STOP_REPLY | CALL_CLEAR_REQUEST STOP_CONTROL_CONNECTION_REQUEST | false | 0",
            "WAIT_STOP_REPLY | STOP_CONTROL_CONNECTION_REPLY    | CLOSED          |                                 | true  | 0",
            "WAIT_STOP_REPLY | STOP_CONTROL_CONNECTION_REQUEST  | CLOSED          | STOP_CONTROL_CONNECTION_REPLY   | true  | 0",
            "WAIT_STOP_REPLY | ECHO_REQUEST                     | WAIT_STOP_REPLY | ECHO_REPLY                      | false | 0",
            "WAIT_STOP_REPLY | CALL_DISCONNECT_NOTIFY           | WAIT_STOP_REPLY |                                 | false | 0",
            "WAIT_STOP_REPLY | OUTGOING_CALL_REPLY              | WAIT_STOP_REPLY |                                 | false | 0",
            "CLOSED          | START_CONTROL_CONNECTION_REPLY   | CLOSED          |                                 | true  | 0",
            "CLOSED          | ECHO_REQUEST                     | CLOSED          |                                 | true  | 0",
    })
    void stateTimesMessage(ClientControlState from, ControlMessageType message, ClientControlState to, String sends,
                           boolean closed, int calls) {
        ScriptedPac p = in(from);
        int ourCall = p.up.isEmpty() ? 1 : p.up.getFirst().callId();
        p.connection.receive(sample(message, ourCall));

        assertThat(p.connection.state()).isEqualTo(to);
        List<ControlMessageType> expected = sends == null ? List.of()
                : Arrays.stream(sends.trim().split("\\s+")).map(ControlMessageType::valueOf).toList();
        assertThat(p.sentTypes()).isEqualTo(expected);
        assertThat(p.closed != null).isEqualTo(closed);
        assertThat(p.closes).isLessThanOrEqualTo(1);
        assertThat(p.connection.calls()).hasSize(calls);
        assertThat(p.allocator.allocated()).isEqualTo(calls);
    }

    @ParameterizedTest
    @EnumSource(ClientControlState.class)
    void everyPairHasAReaction(ClientControlState state) {
        for (ControlMessageType t : ControlMessageType.values()) {
            assertThat(ClientControlTransitions.of(state, t)).as(state + " x " + t).isNotNull();
        }
    }
}
