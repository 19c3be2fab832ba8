package io.cohort.pptp.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cohort.pptp.wire.ControlMessage;
import io.cohort.pptp.wire.ControlMessageType;
import io.cohort.pptp.wire.StopControlConnectionReason;
import java.nio.ByteBuffer;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Set-up, calls, keepalive and timers of a {@link ClientControlConnection} (RFC 2637 3.1.1, 3.1.4, 3.2.4.2). */
class ClientControlConnectionTest {

    @Test
    void startSendsTheRequestWithVersionOneAndOurNames() {
        ScriptedPac p = new ScriptedPac();
        ControlMessage.StartControlConnectionRequest rq = p.last(ControlMessage.StartControlConnectionRequest.class);
        assertThat(rq.protocolVersion()).isEqualTo(0x0100);
        assertThat(rq.hostName()).isEqualTo("cohort-client");
        assertThat(rq.vendorString()).isEqualTo("Cohort");
        assertThat(p.connection.state()).isEqualTo(ClientControlState.WAIT_CTL_REPLY);
        assertThatThrownBy(p.connection::start).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void noStartReplyWithinAMinuteCloses() {
        ScriptedPac p = new ScriptedPac();
        p.scheduler.advance(Duration.ofSeconds(59));
        assertThat(p.connection.state()).isEqualTo(ClientControlState.WAIT_CTL_REPLY);
        p.scheduler.advance(Duration.ofSeconds(1));
        assertThat(p.connection.state()).isEqualTo(ClientControlState.CLOSED);
        assertThat(p.closed).isEqualTo("no Start-Control-Connection-Reply within 60 s");
        assertThat(p.counters.get("pptp.pns.setup_timeout")).isEqualTo(1);
    }

    @ParameterizedTest(name = "result {0} error {1}: {2}")
    @CsvSource(delimiter = '|', value = {
            "5 | 0 | Start-Control-Connection-Reply result 5 (The protocol version of the requester is not supported)",
            "4 | 0 | Start-Control-Connection-Reply result 4 (Requester is not authorized to establish a command channel)",
            "2 | 4 | Start-Control-Connection-Reply result 2 (General error -- Error Code indicates the problem), error 4 (Insufficient resources to handle this command now)",
            "9 | 0 | Start-Control-Connection-Reply result 9",
    })
    void aRefusedStartFailsTheConnection(int result, int error, String reason) {
        ScriptedPac p = new ScriptedPac();
        p.sent.clear();
        p.connection.receive(new ControlMessage.StartControlConnectionReply(0x0100, result, error, 1, 1, 0, 1, "s",
                "v"));
        assertThat(p.connection.state()).isEqualTo(ClientControlState.CLOSED);
        assertThat(p.closed).isEqualTo(reason);
        assertThat(p.sent).isEmpty();
        assertThat(p.established).isNull();
    }

    @Test
    void anOlderVersionWeCannotSpeakIsStoppedWithStopProtocol() {
        ScriptedPac p = new ScriptedPac();
        p.sent.clear();
        p.connection.receive(ScriptedPac.startReply(0x00FF, 1));

        assertThat(p.connection.state()).isEqualTo(ClientControlState.WAIT_STOP_REPLY);
        assertThat(p.last(ControlMessage.StopControlConnectionRequest.class).knownReason())
                .contains(StopControlConnectionReason.STOP_PROTOCOL);
        p.connection.receive(new ControlMessage.StopControlConnectionReply(1, 0));
        assertThat(p.connection.state()).isEqualTo(ClientControlState.CLOSED);
        assertThat(p.closed).isEqualTo("server's protocol version 0x00FF is not supported");
    }

    @Test
    void aLaterVersionIsAccepted() {
        ScriptedPac p = new ScriptedPac();
        p.connection.receive(ScriptedPac.startReply(0x0200, 1));
        assertThat(p.connection.state()).isEqualTo(ClientControlState.ESTABLISHED);
        assertThat(p.established.hostName()).isEqualTo("cohort");
        assertThat(p.connection.peerStart()).contains(p.established);
    }

    @Test
    void callsArePlacedOnlyOnceEstablished() {
        ScriptedPac p = new ScriptedPac();
        assertThatThrownBy(p.connection::placeCall).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void theOutgoingCallRequestCarriesOurCallIdWindowAndSpeeds() {
        ScriptedPac p = new ScriptedPac().established();
        int id = p.connection.placeCall().orElseThrow();

        ControlMessage.OutgoingCallRequest rq = p.last(ControlMessage.OutgoingCallRequest.class);
        assertThat(rq.callId()).isEqualTo(id).isNotZero();
        assertThat(rq.minimumBps()).isEqualTo(300);
        assertThat(rq.maximumBps()).isEqualTo(100_000_000L);
        assertThat(rq.bearerType()).isEqualTo(3);
        assertThat(rq.framingType()).isEqualTo(3);
        assertThat(rq.packetReceiveWindowSize()).isEqualTo(64);
        assertThat(rq.packetProcessingDelay()).isZero();
        assertThat(p.connection.call(id).orElseThrow().state()).isEqualTo(ClientCallState.WAIT_REPLY);
        assertThat(p.allocator.inUse(id)).isTrue();

        p.connection.receive(ScriptedPac.callReply(id, 1, 0));
        PptpCall call = p.up.getFirst();
        assertThat(call.callId()).isEqualTo(id);
        assertThat(call.peerCallId()).isEqualTo(ScriptedPac.PAC_CALL);
        assertThat(call.peerReceiveWindow()).isEqualTo(32);
        assertThat(call.peerProcessingDelay()).isEqualTo(Duration.ofMillis(500));
        assertThat(call.receiveWindow()).isEqualTo(64);
        assertThat(call.connectSpeed()).isEqualTo(100_000_000L);
        assertThat(p.connection.call(id).orElseThrow().state()).isEqualTo(ClientCallState.ESTABLISHED);
    }

    @ParameterizedTest(name = "result {0} error {1}")
    @CsvSource(delimiter = '|', value = {
            "7 | 0 | Outgoing-Call-Reply result 7 (Outgoing Call administratively prohibited)",
            "2 | 4 | Outgoing-Call-Reply result 2 (Outgoing Call not established for the reason indicated in Error Code), error 4 (Insufficient resources to handle this command now)",
            "4 | 0 | Outgoing-Call-Reply result 4 (Outgoing Call failed due to detection of a busy signal)",
    })
    void anErrorReplyFailsTheCallAndReleasesItsId(int result, int error, String reason) {
        ScriptedPac p = new ScriptedPac().established();
        int id = p.connection.placeCall().orElseThrow();
        p.connection.receive(ScriptedPac.callReply(id, result, error));

        assertThat(p.failed).containsExactly(reason);
        assertThat(p.up).isEmpty();
        assertThat(p.allocator.inUse(id)).isFalse();
        assertThat(p.connection.calls()).isEmpty();
        assertThat(p.connection.state()).isEqualTo(ClientControlState.ESTABLISHED);
    }

    @Test
    void aReplyForNoCallOfOursIsCountedAndDropped() {
        ScriptedPac p = new ScriptedPac().established();
        p.connection.receive(ScriptedPac.callReply(4242, 1, 0));
        assertThat(p.counters.get("pptp.pns.rx.unknown_call")).isEqualTo(1);
        assertThat(p.connection.state()).isEqualTo(ClientControlState.ESTABLISHED);
    }

    @Test
    void noOutgoingCallReplyWithinAMinuteStopsTheConnection() {
        ScriptedPac p = new ScriptedPac().established();
        p.connection.placeCall();
        p.scheduler.advance(Duration.ofSeconds(60));

        assertThat(p.failed).hasSize(1).first().asString().startsWith("no Outgoing-Call-Reply for call");
        assertThat(p.connection.state()).isEqualTo(ClientControlState.WAIT_STOP_REPLY);
        assertThat(p.allocator.allocated()).isZero();
    }

    @Test
    void theServersCallDisconnectNotifyEndsTheCall() {
        ScriptedPac p = new ScriptedPac().established();
        PptpCall call = p.call();
        p.connection.receive(new ControlMessage.CallDisconnectNotify(ScriptedPac.PAC_CALL, 3, 0, 0, ""));

        assertThat(p.down).containsExactly(
                "PAC disconnected the call: result 3 (Call disconnected for administrative reasons), cause 0");
        assertThat(p.allocator.inUse(call.callId())).isFalse();
        assertThat(p.connection.state()).isEqualTo(ClientControlState.ESTABLISHED);
    }

    @Test
    void hangingUpSendsCallClearRequestAndWaitsForTheDisconnect() {
        ScriptedPac p = new ScriptedPac().established();
        PptpCall call = p.call();
        p.sent.clear();

        assertThat(p.connection.clearCall(call.callId())).isTrue();
        assertThat(p.connection.clearCall(call.callId())).isFalse(); // already clearing
        assertThat(p.last(ControlMessage.CallClearRequest.class).callId()).isEqualTo(call.callId());
        assertThat(p.connection.call(call.callId()).orElseThrow().state()).isEqualTo(ClientCallState.WAIT_DISCONNECT);
        assertThat(p.down).isEmpty();

        p.connection.receive(new ControlMessage.CallDisconnectNotify(ScriptedPac.PAC_CALL, 4, 0, 0, ""));
        assertThat(p.down).containsExactly("cleared");
        assertThat(p.connection.calls()).isEmpty();
        assertThat(p.allocator.allocated()).isZero();
    }

    @Test
    void noDisconnectAfterHangingUpStopsTheConnection() {
        ScriptedPac p = new ScriptedPac().established();
        PptpCall call = p.call();
        p.connection.clearCall(call.callId());
        p.sent.clear();
        p.scheduler.advance(Duration.ofSeconds(60));

        // The call was already cleared: no second Call-Clear-Request before the stop (an Echo-Request
        // may go out too, a minute having passed in silence).
        assertThat(p.sentTypes()).contains(ControlMessageType.STOP_CONTROL_CONNECTION_REQUEST)
                .doesNotContain(ControlMessageType.CALL_CLEAR_REQUEST);
        assertThat(p.down).hasSize(1);
        assertThat(p.connection.state()).isEqualTo(ClientControlState.WAIT_STOP_REPLY);
    }

    @Test
    void hangingUpBeforeTheReplyAbortsTheCall() {
        ScriptedPac p = new ScriptedPac().established();
        int id = p.connection.placeCall().orElseThrow();
        assertThat(p.connection.clearCall(id)).isTrue();

        assertThat(p.last(ControlMessage.CallClearRequest.class).callId()).isEqualTo(id);
        assertThat(p.failed).containsExactly("aborted before the Outgoing-Call-Reply");
        p.connection.receive(ScriptedPac.callReply(id, 1, 0)); // in flight: no such call any more
        assertThat(p.up).isEmpty();
        assertThat(p.counters.get("pptp.pns.rx.unknown_call")).isEqualTo(1);
    }

    @Test
    void silenceBringsAnEchoRequestAndNoAnswerCloses() {
        ScriptedPac p = new ScriptedPac().established();
        p.call();
        p.sent.clear();
        p.scheduler.advance(Duration.ofSeconds(30));
        p.connection.receive(new ControlMessage.EchoRequest(7)); // any message restarts the minute
        p.sent.clear();
        p.scheduler.advance(Duration.ofSeconds(59));
        assertThat(p.sent).isEmpty();
        p.scheduler.advance(Duration.ofSeconds(1));
        ControlMessage.EchoRequest echo = p.last(ControlMessage.EchoRequest.class);

        p.connection.receive(new ControlMessage.EchoReply(echo.identifier() + 1, 1, 0)); // not ours
        assertThat(p.counters.get("pptp.pns.rx.unexpected_echo_reply")).isEqualTo(1);
        p.scheduler.advance(Duration.ofSeconds(60));
        assertThat(p.connection.state()).isEqualTo(ClientControlState.CLOSED);
        assertThat(p.closed).isEqualTo("no Echo-Reply within 60 s");
        assertThat(p.down).containsExactly("no Echo-Reply within 60 s");
    }

    @Test
    void anAnsweredEchoKeepsTheConnection() {
        ScriptedPac p = new ScriptedPac().established();
        p.scheduler.advance(Duration.ofSeconds(60));
        ControlMessage.EchoRequest echo = p.last(ControlMessage.EchoRequest.class);
        p.scheduler.advance(Duration.ofSeconds(30));
        p.connection.receive(new ControlMessage.EchoReply(echo.identifier(), 1, 0));
        p.scheduler.advance(Duration.ofSeconds(59));
        assertThat(p.connection.state()).isEqualTo(ClientControlState.ESTABLISHED);
        assertThat(p.sentTypes()).containsExactly(ControlMessageType.ECHO_REQUEST);
    }

    @Test
    void theServerStoppingEndsEveryCall() {
        ScriptedPac p = new ScriptedPac().established();
        p.call();
        p.sent.clear();
        p.connection.receive(new ControlMessage.StopControlConnectionRequest(3));

        assertThat(p.sentTypes()).containsExactly(ControlMessageType.STOP_CONTROL_CONNECTION_REPLY);
        assertThat(p.down).containsExactly("server stopped the control connection");
        assertThat(p.closed).isEqualTo("server stopped the control connection (reason 3)");
    }

    @Test
    void shutdownClearsCallsThenStopsAndClosesOnTheReply() {
        ScriptedPac p = new ScriptedPac().established();
        p.call();
        p.sent.clear();
        p.connection.shutdown(StopControlConnectionReason.STOP_LOCAL_SHUTDOWN, "client closing");

        assertThat(p.sentTypes()).containsExactly(ControlMessageType.CALL_CLEAR_REQUEST,
                ControlMessageType.STOP_CONTROL_CONNECTION_REQUEST);
        assertThat(p.down).containsExactly("client closing");
        p.connection.receive(new ControlMessage.StopControlConnectionReply(1, 0));
        assertThat(p.closed).isEqualTo("client closing");
    }

    @Test
    void anUnansweredStopClosesAfterAMinute() {
        ScriptedPac p = new ScriptedPac().established();
        p.connection.shutdown(StopControlConnectionReason.NONE, "bye");
        p.scheduler.advance(Duration.ofSeconds(60));
        assertThat(p.closed).isEqualTo("bye; no Stop-Control-Connection-Reply");
    }

    @Test
    void malformedOctetsCloseAtOnceWithoutAMessage() {
        ScriptedPac p = new ScriptedPac().established();
        p.call();
        p.sent.clear();
        p.connection.receive(ByteBuffer.wrap(new byte[] {0, 16, 0, 1, 0x1A, 0x2B, 0x3C, 0x4E}));

        assertThat(p.connection.state()).isEqualTo(ClientControlState.CLOSED);
        assertThat(p.sent).isEmpty();
        assertThat(p.down).hasSize(1);
        assertThat(p.counters.get("pptp.pns.rx.malformed.bad_magic_cookie")).isEqualTo(1);
        p.connection.receive(ByteBuffer.wrap(new byte[] {1, 2, 3}));
        assertThat(p.counters.get("pptp.pns.rx.after_close")).isEqualTo(1);
    }

    @Test
    void aPacCallIdGivenToTwoCallsStopsTheConnection() {
        ScriptedPac p = new ScriptedPac().established();
        p.call();
        int second = p.connection.placeCall().orElseThrow();
        p.sent.clear();
        p.connection.receive(ScriptedPac.callReply(second, 1, 0)); // the same PAC Call ID again

        assertThat(p.failed).containsExactly("the PAC gave Call ID 8738 to two calls");
        assertThat(p.down).containsExactly("the PAC gave Call ID 8738 to two calls");
        assertThat(p.sentTypes()).containsExactly(ControlMessageType.CALL_CLEAR_REQUEST,
                ControlMessageType.STOP_CONTROL_CONNECTION_REQUEST);
        assertThat(p.counters.get("pptp.pns.rx.duplicate_peer_call_id")).isEqualTo(1);
        assertThat(p.allocator.allocated()).isZero();
    }
}
