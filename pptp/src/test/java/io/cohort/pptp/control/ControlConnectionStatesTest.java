package io.cohort.pptp.control;

import static org.assertj.core.api.Assertions.assertThat;

import io.cohort.pptp.wire.ControlMessage;
import io.cohort.pptp.wire.ControlMessageType;
import io.cohort.pptp.wire.StopControlConnectionReason;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * State x event -> actions of a live {@link ControlConnection} (RFC 2637 3.1.2, 3.1.4): each row
 * puts a connection with one established call into a state, delivers one message, and checks the
 * next state, the messages sent and whether the transport was closed.
 */
class ControlConnectionStatesTest {
    private static final int PEER_CALL = 0x1234;

    private ScriptedPns in(ControlState state) {
        ScriptedPns p = new ScriptedPns();
        if (state == ControlState.IDLE) {
            return p;
        }
        p.established();
        p.call(PEER_CALL);
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
            case START_CONTROL_CONNECTION_REQUEST -> ScriptedPns.startRequest(0x0100);
            case START_CONTROL_CONNECTION_REPLY -> new ControlMessage.StartControlConnectionReply(0x0100, 1, 0, 1, 1, 0,
                    1, "x", "y");
            case STOP_CONTROL_CONNECTION_REQUEST -> new ControlMessage.StopControlConnectionRequest(1);
            case STOP_CONTROL_CONNECTION_REPLY -> new ControlMessage.StopControlConnectionReply(1, 0);
            case ECHO_REQUEST -> new ControlMessage.EchoRequest(42);
            case ECHO_REPLY -> new ControlMessage.EchoReply(42, 1, 0);
            case OUTGOING_CALL_REQUEST -> ScriptedPns.outgoingCall(0x4321);
            case OUTGOING_CALL_REPLY -> new ControlMessage.OutgoingCallReply(1, 2, 1, 0, 0, 0, 64, 0, 0);
            case INCOMING_CALL_REQUEST -> new ControlMessage.IncomingCallRequest(77, 1, 1, 0, 0, 0, "", "", "");
            case INCOMING_CALL_REPLY -> new ControlMessage.IncomingCallReply(1, 2, 1, 0, 64, 0);
            case INCOMING_CALL_CONNECTED -> new ControlMessage.IncomingCallConnected(1, 9600, 64, 0, 1);
            case CALL_CLEAR_REQUEST -> new ControlMessage.CallClearRequest(PEER_CALL);
            case CALL_DISCONNECT_NOTIFY -> new ControlMessage.CallDisconnectNotify(PEER_CALL, 1, 0, 0, "");
            case WAN_ERROR_NOTIFY -> new ControlMessage.WanErrorNotify(PEER_CALL, 1, 2, 3, 4, 5, 6);
            case SET_LINK_INFO -> new ControlMessage.SetLinkInfo(ourCallId, 0xFFFF_FFFFL, 0);
        };
    }

    @ParameterizedTest(name = "{0} x {1} -> {2}, sends [{3}], closes {4}, calls {5}")
    @CsvSource(delimiter = '|', value = {
            "IDLE            | START_CONTROL_CONNECTION_REQUEST | ESTABLISHED     | START_CONTROL_CONNECTION_REPLY | false | 0",
            "IDLE            | OUTGOING_CALL_REQUEST            | CLOSED          |                                | true  | 0",
            "IDLE            | ECHO_REQUEST                     | CLOSED          |                                | true  | 0",
            "IDLE            | STOP_CONTROL_CONNECTION_REQUEST  | CLOSED          |                                | true  | 0",
            "ESTABLISHED     | START_CONTROL_CONNECTION_REQUEST | WAIT_STOP_REPLY | CALL_DISCONNECT_NOTIFY STOP_CONTROL_CONNECTION_REQUEST | false | 0",
            "ESTABLISHED     | START_CONTROL_CONNECTION_REPLY   | WAIT_STOP_REPLY | CALL_DISCONNECT_NOTIFY STOP_CONTROL_CONNECTION_REQUEST | false | 0",
            "ESTABLISHED     | STOP_CONTROL_CONNECTION_REQUEST  | CLOSED          | STOP_CONTROL_CONNECTION_REPLY  | true  | 0",
            "ESTABLISHED     | STOP_CONTROL_CONNECTION_REPLY    | WAIT_STOP_REPLY | CALL_DISCONNECT_NOTIFY STOP_CONTROL_CONNECTION_REQUEST | false | 0",
            "ESTABLISHED     | ECHO_REQUEST                     | ESTABLISHED     | ECHO_REPLY                     | false | 1",
            "ESTABLISHED     | ECHO_REPLY                       | ESTABLISHED     |                                | false | 1",
            "ESTABLISHED     | OUTGOING_CALL_REQUEST            | ESTABLISHED     | OUTGOING_CALL_REPLY            | false | 2",
            "ESTABLISHED     | OUTGOING_CALL_REPLY              | WAIT_STOP_REPLY | CALL_DISCONNECT_NOTIFY STOP_CONTROL_CONNECTION_REQUEST | false | 0",
            "ESTABLISHED     | INCOMING_CALL_REQUEST            | ESTABLISHED     | INCOMING_CALL_REPLY            | false | 1",
            "ESTABLISHED     | INCOMING_CALL_REPLY              | WAIT_STOP_REPLY | CALL_DISCONNECT_NOTIFY STOP_CONTROL_CONNECTION_REQUEST | false | 0",
            "ESTABLISHED     | INCOMING_CALL_CONNECTED          | WAIT_STOP_REPLY | CALL_DISCONNECT_NOTIFY STOP_CONTROL_CONNECTION_REQUEST | false | 0",
            "ESTABLISHED     | CALL_CLEAR_REQUEST               | ESTABLISHED     | CALL_DISCONNECT_NOTIFY         | false | 0",
            "ESTABLISHED     | CALL_DISCONNECT_NOTIFY           | ESTABLISHED     |                                | false | 0",
            "ESTABLISHED     | WAN_ERROR_NOTIFY                 | ESTABLISHED     |                                | false | 1",
            "ESTABLISHED     | SET_LINK_INFO                    | ESTABLISHED     |                                | false | 1",
            "WAIT_STOP_REPLY | STOP_CONTROL_CONNECTION_REPLY    | CLOSED          |                                | true  | 0",
            "WAIT_STOP_REPLY | STOP_CONTROL_CONNECTION_REQUEST  | CLOSED          | STOP_CONTROL_CONNECTION_REPLY  | true  | 0",
            "WAIT_STOP_REPLY | ECHO_REQUEST                     | WAIT_STOP_REPLY | ECHO_REPLY                     | false | 0",
            "WAIT_STOP_REPLY | OUTGOING_CALL_REQUEST            | WAIT_STOP_REPLY |                                | false | 0",
            "WAIT_STOP_REPLY | CALL_CLEAR_REQUEST               | WAIT_STOP_REPLY |                                | false | 0",
            "CLOSED          | START_CONTROL_CONNECTION_REQUEST | CLOSED          |                                | true  | 0",
            "CLOSED          | OUTGOING_CALL_REQUEST            | CLOSED          |                                | true  | 0",
            "CLOSED          | ECHO_REQUEST                     | CLOSED          |                                | true  | 0",
    })
    void stateTimesMessage(ControlState from, ControlMessageType message, ControlState to, String sends,
                           boolean closed, int calls) {
        ScriptedPns p = in(from);
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
        assertThat(p.capacity.used()).isEqualTo(calls);
    }

    @Test
    void setupTimeoutClosesAConnectionThatNeverStarts() {
        ScriptedPns p = new ScriptedPns();
        p.scheduler.advance(Duration.ofSeconds(59));
        assertThat(p.connection.state()).isEqualTo(ControlState.IDLE);
        p.scheduler.advance(Duration.ofSeconds(1));
        assertThat(p.connection.state()).isEqualTo(ControlState.CLOSED);
        assertThat(p.closed).contains("no Start-Control-Connection-Request");
        assertThat(p.sent).isEmpty();
    }

    @Test
    void silenceBringsAnEchoRequestAndAnAnswerKeepsTheConnection() {
        ScriptedPns p = new ScriptedPns().established();
        p.scheduler.advance(Duration.ofSeconds(30));
        p.connection.receive(new ControlMessage.EchoRequest(1)); // any message restarts the minute
        p.sent.clear();
        p.scheduler.advance(Duration.ofSeconds(59));
        assertThat(p.sent).isEmpty();
        p.scheduler.advance(Duration.ofSeconds(1));
        ControlMessage.EchoRequest echo = p.last(ControlMessage.EchoRequest.class);

        p.scheduler.advance(Duration.ofSeconds(20));
        p.connection.receive(new ControlMessage.EchoReply(echo.identifier(), 1, 0));
        p.scheduler.advance(Duration.ofSeconds(50));
        assertThat(p.connection.state()).isEqualTo(ControlState.ESTABLISHED);
        assertThat(p.sentTypes()).containsExactly(ControlMessageType.ECHO_REQUEST);
        p.scheduler.advance(Duration.ofSeconds(10)); // a minute after the reply: the next echo
        assertThat(p.sentTypes()).containsExactly(ControlMessageType.ECHO_REQUEST, ControlMessageType.ECHO_REQUEST);
    }

    @Test
    void anUnansweredEchoClosesTheConnectionAndItsCalls() {
        ScriptedPns p = new ScriptedPns().established();
        p.call(9);
        p.scheduler.advance(Duration.ofSeconds(60));
        assertThat(p.sentTypes()).contains(ControlMessageType.ECHO_REQUEST);
        p.connection.receive(new ControlMessage.EchoReply(999, 1, 0)); // not ours: does not count
        p.scheduler.advance(Duration.ofSeconds(60));

        assertThat(p.connection.state()).isEqualTo(ControlState.CLOSED);
        assertThat(p.closed).isEqualTo("no Echo-Reply within 60 s");
        assertThat(p.down).containsExactly("no Echo-Reply within 60 s");
        assertThat(p.counters.get("pptp.control.rx.unexpected_echo_reply")).isEqualTo(1);
    }

    @Test
    void anUnansweredStopRequestClosesAfterAMinute() {
        ScriptedPns p = in(ControlState.WAIT_STOP_REPLY);
        p.scheduler.advance(Duration.ofSeconds(60));
        assertThat(p.connection.state()).isEqualTo(ControlState.CLOSED);
        assertThat(p.closed).contains("no Stop-Control-Connection-Reply");
    }

    @Test
    void unsupportedVersionIsAnsweredWithResult5AndClosed() {
        ScriptedPns p = new ScriptedPns();
        p.connection.receive(ScriptedPns.startRequest(0x0001));

        ControlMessage.StartControlConnectionReply reply = p.last(ControlMessage.StartControlConnectionReply.class);
        assertThat(reply.resultCode()).isEqualTo(5);
        assertThat(reply.protocolVersion()).isEqualTo(0x0100);
        assertThat(p.connection.state()).isEqualTo(ControlState.CLOSED);
        assertThat(p.closed).contains("0x0001");
    }

    @Test
    void aLaterVersionIsAnsweredWithOursAndEstablished() {
        ScriptedPns p = new ScriptedPns();
        p.connection.receive(ScriptedPns.startRequest(0x0200));

        ControlMessage.StartControlConnectionReply reply = p.last(ControlMessage.StartControlConnectionReply.class);
        assertThat(reply.resultCode()).isEqualTo(1);
        assertThat(reply.protocolVersion()).isEqualTo(0x0100);
        assertThat(p.connection.state()).isEqualTo(ControlState.ESTABLISHED);
    }

    @Test
    void malformedOctetsCloseAtOnce() {
        ScriptedPns p = new ScriptedPns().established();
        p.call(5);
        p.sent.clear();
        p.connection.receive(ByteBuffer.wrap(new byte[] {0, 16, 0, 1, 0x1A, 0x2B, 0x3C, 0x4E}));

        assertThat(p.connection.state()).isEqualTo(ControlState.CLOSED);
        assertThat(p.sent).isEmpty(); // 1.4: loss of synchronisation, no goodbye
        assertThat(p.down).hasSize(1);
        assertThat(p.counters.get("pptp.control.rx.malformed.bad_magic_cookie")).isEqualTo(1);
    }
}
