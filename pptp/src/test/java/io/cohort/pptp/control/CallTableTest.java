package io.cohort.pptp.control;

import static org.assertj.core.api.Assertions.assertThat;

import io.cohort.pptp.wire.CallDisconnectResult;
import io.cohort.pptp.wire.ControlMessage;
import io.cohort.pptp.wire.ControlMessageType;
import io.cohort.pptp.wire.GeneralError;
import io.cohort.pptp.wire.OutgoingCallResult;
import io.cohort.pptp.wire.StopControlConnectionReason;
import io.cohort.telemetry.RateLimitedLog;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Calls on a control connection, Cohort as the PAC of outgoing calls (RFC 2637 3.2.4.1, 2.7-2.15). */
class CallTableTest {
    /** Events that can reach one established call (3.2.4.1 established state). */
    enum CallEvent {
        CALL_CLEAR_REQUEST, CALL_CLEAR_REQUEST_OTHER_CALL, PEER_CALL_DISCONNECT_NOTIFY, SET_LINK_INFO,
        WAN_ERROR_NOTIFY, LOCAL_CLEAR, LOCAL_SHUTDOWN, PEER_STOP_REQUEST, TRANSPORT_CLOSED, ECHO_TIMEOUT;

        void apply(ScriptedPns p, PptpCall call) {
            ControlConnection c = p.connection;
            switch (this) {
                case CALL_CLEAR_REQUEST -> c.receive(new ControlMessage.CallClearRequest(call.peerCallId()));
                case CALL_CLEAR_REQUEST_OTHER_CALL -> c.receive(new ControlMessage.CallClearRequest(call.peerCallId() + 1));
                case PEER_CALL_DISCONNECT_NOTIFY -> c.receive(new ControlMessage.CallDisconnectNotify(call.peerCallId(),
                        1, 0, 0, ""));
                case SET_LINK_INFO -> c.receive(new ControlMessage.SetLinkInfo(call.callId(), 0, 0));
                case WAN_ERROR_NOTIFY -> c.receive(new ControlMessage.WanErrorNotify(call.peerCallId(), 0, 0, 0, 0, 0, 0));
                case LOCAL_CLEAR -> c.clearCall(call.callId(), CallDisconnectResult.LOST_CARRIER, "local");
                case LOCAL_SHUTDOWN -> c.shutdown(StopControlConnectionReason.STOP_LOCAL_SHUTDOWN, "local");
                case PEER_STOP_REQUEST -> c.receive(new ControlMessage.StopControlConnectionRequest(1));
                case TRANSPORT_CLOSED -> c.transportClosed("local");
                case ECHO_TIMEOUT -> p.scheduler.advance(Duration.ofSeconds(120));
            }
        }
    }

    @ParameterizedTest(name = "established call x {0} -> sends [{1}], call up {2}, CDN result {3}")
    @CsvSource(delimiter = '|', value = {
            "CALL_CLEAR_REQUEST            | CALL_DISCONNECT_NOTIFY                                 | false | 4",
            "CALL_CLEAR_REQUEST_OTHER_CALL |                                                        | true  | 0",
            "PEER_CALL_DISCONNECT_NOTIFY   |                                                        | false | 0",
            "SET_LINK_INFO                 |                                                        | true  | 0",
            "WAN_ERROR_NOTIFY              |                                                        | true  | 0",
            "LOCAL_CLEAR                   | CALL_DISCONNECT_NOTIFY                                 | false | 1",
            "LOCAL_SHUTDOWN                | CALL_DISCONNECT_NOTIFY STOP_CONTROL_CONNECTION_REQUEST | false | 3",
            "PEER_STOP_REQUEST             | STOP_CONTROL_CONNECTION_REPLY                          | false | 0",
            "TRANSPORT_CLOSED              |                                                        | false | 0",
            "ECHO_TIMEOUT                  | ECHO_REQUEST                                           | false | 0",
    })
    void establishedCallTimesEvent(CallEvent event, String sends, boolean stillUp, int cdnResult) {
        ScriptedPns p = new ScriptedPns().established();
        PptpCall call = p.call(0x1234);
        p.sent.clear();
        event.apply(p, call);

        List<ControlMessageType> expected = sends == null ? List.of()
                : Arrays.stream(sends.trim().split("\\s+")).map(ControlMessageType::valueOf).toList();
        assertThat(p.sentTypes()).isEqualTo(expected);
        assertThat(p.connection.call(call.callId()).isPresent()).isEqualTo(stillUp);
        assertThat(p.allocator.inUse(call.callId())).isEqualTo(stillUp);
        assertThat(p.downCalls).hasSize(stillUp ? 0 : 1);
        if (cdnResult != 0) {
            ControlMessage.CallDisconnectNotify cdn = p.last(ControlMessage.CallDisconnectNotify.class);
            assertThat(cdn.callId()).isEqualTo(call.callId());
            assertThat(cdn.resultCode()).isEqualTo(cdnResult);
        }
    }

    @Test
    void anOutgoingCallIsConnectedWithOurIdsWindowAndDelay() {
        ScriptedPns p = new ScriptedPns().established();
        p.connection.receive(new ControlMessage.OutgoingCallRequest(0x1234, 7, 2400, 10_000_000, 3, 3, 64, 25, 0, "",
                ""));

        ControlMessage.OutgoingCallReply reply = p.last(ControlMessage.OutgoingCallReply.class);
        PptpCall call = p.up.getFirst();
        assertThat(reply.resultCode()).isEqualTo(1);
        assertThat(reply.errorCode()).isZero();
        assertThat(reply.callId()).isEqualTo(call.callId()).isNotZero();
        assertThat(reply.peerCallId()).isEqualTo(0x1234);
        assertThat(reply.packetReceiveWindowSize()).isEqualTo(ControlSettings.DEFAULTS.receiveWindow());
        assertThat(reply.packetProcessingDelay()).isEqualTo(ControlSettings.DEFAULTS.processingDelay());
        assertThat(reply.connectSpeed()).isEqualTo(ControlSettings.DEFAULTS.connectSpeed());
        assertThat(call.peerCallId()).isEqualTo(0x1234);
        assertThat(call.peerReceiveWindow()).isEqualTo(64);
        assertThat(call.peerProcessingDelay()).isEqualTo(Duration.ofMillis(2500));
        assertThat(call.callSerialNumber()).isEqualTo(7);
        assertThat(p.allocator.inUse(call.callId())).isTrue();
    }

    @Test
    void callClearRequestNamesThePeersIdAndGetsResult4() {
        ScriptedPns p = new ScriptedPns().established();
        PptpCall call = p.call(0x1234);
        p.connection.receive(new ControlMessage.CallClearRequest(0x1234));

        ControlMessage.CallDisconnectNotify cdn = p.last(ControlMessage.CallDisconnectNotify.class);
        assertThat(cdn.callId()).isEqualTo(call.callId());
        assertThat(cdn.resultCode()).isEqualTo(CallDisconnectResult.REQUEST.code());
        assertThat(p.downCalls).containsExactly(call);
        assertThat(p.down).containsExactly("peer sent Call-Clear-Request");
        assertThat(p.allocator.allocated()).isZero();
        assertThat(p.capacity.used()).isZero();
    }

    @Test
    void clearingAnUnknownCallIsCountedAndIgnored() {
        ScriptedPns p = new ScriptedPns().established();
        p.connection.receive(new ControlMessage.CallClearRequest(99));
        p.connection.receive(new ControlMessage.SetLinkInfo(99, 0, 0));
        assertThat(p.sent).isEmpty();
        assertThat(p.counters.get("pptp.control.rx.unknown_call")).isEqualTo(2);
        assertThat(p.connection.state()).isEqualTo(ControlState.ESTABLISHED);
    }

    @Test
    void thePerConnectionLimitRefusesWithDoNotAccept() {
        ScriptedPns p = new ScriptedPns(ControlSettings.DEFAULTS.withMaxCallsPerConnection(2), 100).established();
        p.call(1);
        p.call(2);
        p.connection.receive(ScriptedPns.outgoingCall(3));

        ControlMessage.OutgoingCallReply reply = p.last(ControlMessage.OutgoingCallReply.class);
        assertThat(reply.resultCode()).isEqualTo(7);
        assertThat(reply.callId()).isZero();
        assertThat(reply.peerCallId()).isEqualTo(3);
        assertThat(p.up).hasSize(2);
    }

    @Test
    void theTotalCapacityRefusesWithNoResource() {
        ScriptedPns p = new ScriptedPns(ControlSettings.DEFAULTS, 1).established();
        p.call(1);
        p.connection.receive(ScriptedPns.outgoingCall(2));

        ControlMessage.OutgoingCallReply reply = p.last(ControlMessage.OutgoingCallReply.class);
        assertThat(reply.resultCode()).isEqualTo(2);
        assertThat(reply.errorCode()).isEqualTo(4);
        assertThat(p.counters.get("pptp.control.call.refused.capacity")).isEqualTo(1);
    }

    @Test
    void aPeerCallIdInUseIsABadCallId() {
        ScriptedPns p = new ScriptedPns().established();
        p.call(1);
        p.connection.receive(ScriptedPns.outgoingCall(1));

        ControlMessage.OutgoingCallReply reply = p.last(ControlMessage.OutgoingCallReply.class);
        assertThat(reply.resultCode()).isEqualTo(2);
        assertThat(reply.errorCode()).isEqualTo(5);
        assertThat(p.up).hasSize(1);
    }

    @Test
    void setLinkInfoAndWanErrorsAreRecorded() {
        ScriptedPns p = new ScriptedPns().established();
        PptpCall call = p.call(0x1234);
        p.sent.clear();
        p.connection.receive(new ControlMessage.SetLinkInfo(call.callId(), 0xFFFF_FFFFL, 0x000A_0000L));
        p.connection.receive(new ControlMessage.WanErrorNotify(0x1234, 1, 2, 3, 4, 5, 6));

        CallSnapshot s = p.connection.call(call.callId()).orElseThrow();
        assertThat(s.linkInfo().orElseThrow().sendAccm()).isEqualTo(0xFFFF_FFFFL);
        assertThat(s.linkInfo().orElseThrow().receiveAccm()).isEqualTo(0x000A_0000L);
        assertThat(s.wanErrors().orElseThrow().crcErrors()).isEqualTo(1);
        assertThat(p.sent).isEmpty();
        assertThat(p.counters.get("pptp.control.rx.set_link_info")).isEqualTo(1);
        assertThat(p.counters.get("pptp.control.rx.wan_error_notify")).isEqualTo(1);
    }

    @Test
    void aLocalClearSendsCallDisconnectNotify() {
        ScriptedPns p = new ScriptedPns().established();
        PptpCall call = p.call(0x1234);
        assertThat(p.connection.clearCall(call.callId(), CallDisconnectResult.ADMIN_SHUTDOWN, "PPP link down"))
                .isTrue();
        assertThat(p.connection.clearCall(call.callId(), CallDisconnectResult.ADMIN_SHUTDOWN, "again")).isFalse();

        assertThat(p.last(ControlMessage.CallDisconnectNotify.class).resultCode()).isEqualTo(3);
        assertThat(p.down).containsExactly("PPP link down");
        assertThat(p.connection.state()).isEqualTo(ControlState.ESTABLISHED);
    }

    @Test
    void aPeerCallDisconnectNotifyEndsTheCallWithoutAReply() {
        ScriptedPns p = new ScriptedPns().established();
        p.call(0x1234);
        p.sent.clear();
        p.connection.receive(new ControlMessage.CallDisconnectNotify(0x1234, 3, 0, 0, ""));
        assertThat(p.sent).isEmpty();
        assertThat(p.down).hasSize(1);
    }

    @Test
    void incomingCallsAreRefused() {
        ScriptedPns p = new ScriptedPns().established();
        p.connection.receive(new ControlMessage.IncomingCallRequest(77, 1, 1, 0, 0, 0, "", "", ""));

        ControlMessage.IncomingCallReply reply = p.last(ControlMessage.IncomingCallReply.class);
        assertThat(reply.resultCode()).isEqualTo(3);
        assertThat(reply.peerCallId()).isEqualTo(77);
        assertThat(p.up).isEmpty();
    }

    @Test
    void localShutdownClearsEveryCallThenStops() {
        ScriptedPns p = new ScriptedPns().established();
        p.call(1);
        p.call(2);
        p.connection.shutdown(StopControlConnectionReason.STOP_LOCAL_SHUTDOWN, "server stopping");

        assertThat(p.sentTypes()).containsExactly(ControlMessageType.OUTGOING_CALL_REPLY,
                ControlMessageType.OUTGOING_CALL_REPLY, ControlMessageType.CALL_DISCONNECT_NOTIFY,
                ControlMessageType.CALL_DISCONNECT_NOTIFY, ControlMessageType.STOP_CONTROL_CONNECTION_REQUEST);
        assertThat(p.last(ControlMessage.StopControlConnectionRequest.class).reason()).isEqualTo(3);
        p.connection.receive(new ControlMessage.StopControlConnectionReply(1, 0));
        assertThat(p.connection.state()).isEqualTo(ControlState.CLOSED);
        assertThat(p.closed).isEqualTo("server stopping");
        assertThat(p.allocator.allocated()).isZero();
    }

    @Test
    void callIdsAreUniqueAcrossConnectionsSharingAnAllocator() {
        ControlSettings settings = ControlSettings.DEFAULTS.withMaxCallsPerConnection(64);
        ScriptedPns a = new ScriptedPns(settings, 1000).established();
        ControlConnection b = new ControlConnection(settings, a.scheduler, a.allocator, a.capacity, a,
                a.counters, RateLimitedLog.standard(System.getLogger("t"), a.scheduler), "b");
        b.start();
        b.receive(ScriptedPns.startRequest(0x0100));
        for (int i = 1; i <= 50; i++) {
            a.connection.receive(ScriptedPns.outgoingCall(i));
            b.receive(ScriptedPns.outgoingCall(i));
        }
        assertThat(a.up.stream().map(PptpCall::callId).distinct()).hasSize(100);
        assertThat(a.capacity.used()).isEqualTo(100);
        b.transportClosed("gone");
        assertThat(a.capacity.used()).isEqualTo(50);
        assertThat(a.connection.calls()).hasSize(50);
    }

    /**
     * Two connections from one host with the same peer Call ID: our GRE to that host would carry
     * the same key for both calls, so the second is refused (General Error / Bad-Call ID); another
     * host may use the ID, and it is free again once the first call is gone.
     */
    @Test
    void aPeerCallIdIsUniquePerHostAcrossItsConnections() {
        ScriptedPns a = new ScriptedPns().established();
        CallCapacity engineWide = new CallCapacity(10);
        ControlConnection sameHost = connection(a, engineWide.forPeer("192.0.2.7"));
        ControlConnection otherHost = connection(a, engineWide.forPeer("198.51.100.9"));
        ControlConnection first = connection(a, engineWide.forPeer("192.0.2.7"));

        first.receive(ScriptedPns.outgoingCall(0x4242));
        sameHost.receive(ScriptedPns.outgoingCall(0x4242));
        ControlMessage.OutgoingCallReply refused = a.last(ControlMessage.OutgoingCallReply.class);
        otherHost.receive(ScriptedPns.outgoingCall(0x4242));

        assertThat(refused.resultCode()).isEqualTo(OutgoingCallResult.GENERAL_ERROR.code());
        assertThat(refused.errorCode()).isEqualTo(GeneralError.BAD_CALL_ID.code());
        assertThat(a.counters.get("pptp.control.call.refused.peer_call_id_in_use_by_host")).isEqualTo(1);
        assertThat(a.last(ControlMessage.OutgoingCallReply.class).resultCode())
                .isEqualTo(OutgoingCallResult.CONNECTED.code());
        assertThat(engineWide.used()).isEqualTo(2);

        first.transportClosed("gone");
        sameHost.receive(ScriptedPns.outgoingCall(0x4242));
        assertThat(a.last(ControlMessage.OutgoingCallReply.class).resultCode())
                .isEqualTo(OutgoingCallResult.CONNECTED.code());
        assertThat(engineWide.used()).isEqualTo(2);
    }

    private static ControlConnection connection(ScriptedPns events, CallCapacity capacity) {
        ControlConnection c = new ControlConnection(ControlSettings.DEFAULTS, events.scheduler, events.allocator,
                capacity, events, events.counters, RateLimitedLog.standard(System.getLogger("t"), events.scheduler),
                "peer");
        c.start();
        c.receive(ScriptedPns.startRequest(0x0100));
        return c;
    }
}
