package io.cohort.l2tp;

import static org.assertj.core.api.Assertions.assertThat;

import io.cohort.l2tp.session.SessionState;
import io.cohort.l2tp.tunnel.TunnelState;
import io.cohort.l2tp.wire.Avp;
import io.cohort.l2tp.wire.CdnResult;
import io.cohort.l2tp.wire.ControlMessage;
import io.cohort.l2tp.wire.ControlPacket;
import io.cohort.l2tp.wire.FlaggedAvp;
import io.cohort.l2tp.wire.GeneralError;
import io.cohort.l2tp.wire.MessageType;
import io.cohort.l2tp.wire.StopCcnResult;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.OptionalInt;
import java.util.function.IntFunction;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * RFC 2661 4.2: an unrecognised AVP with the M-bit set clears the session its message belongs
 * to (CDN, result 2, general error 8), or the tunnel for a tunnel message (StopCCN, same codes).
 * Each case puts one message into an established tunnel that holds two established calls, A and
 * B, and checks what the LNS answers and what is left.
 */
class UnknownMandatoryAvpTest {
    private static final int CALL_A = 101;
    private static final int CALL_B = 102;
    private static final Avp UNKNOWN_MANDATORY = new Avp.UnknownAvp(0, 99, true, new byte[] {1, 2});
    private static final Avp UNKNOWN_OPTIONAL = new Avp.UnknownAvp(0, 99, false, new byte[] {1, 2});

    /** What the LNS must do. */
    enum Outcome {
        /** CDN for a call it never set up: to the sender's Assigned Session ID, ours 0. */
        REFUSE_NEW_CALL,
        /** CDN for call A only: B and the tunnel stay. */
        CLEAR_CALL_A,
        /** Nothing to clear: counted, the tunnel and both calls stay. */
        NOTHING,
        /** The AVP is ignored, the message processed: here an ICRQ answered with ICRP. */
        ANSWER_CALL,
        /** StopCCN: the tunnel and both calls go. */
        CLEAR_TUNNEL
    }

    /** One message: header Session ID (given A's LNS session ID) and body. */
    record Case(String name, IntFunction<Integer> headerSession, ControlMessage message, Outcome outcome) {
        @Override public String toString() { return name; }
    }

    static Stream<Case> cases() {
        return Stream.of(
                new Case("ICRQ, Assigned Session ID before the AVP", a -> 0, message(MessageType.ICRQ,
                        new Avp.AssignedSessionId(103), new Avp.CallSerialNumber(3), UNKNOWN_MANDATORY),
                        Outcome.REFUSE_NEW_CALL),
                new Case("ICRQ, Assigned Session ID after the AVP", a -> 0, message(MessageType.ICRQ,
                        UNKNOWN_MANDATORY, new Avp.AssignedSessionId(103), new Avp.CallSerialNumber(3)),
                        Outcome.REFUSE_NEW_CALL),
                new Case("ICRQ without Assigned Session ID", a -> 0, message(MessageType.ICRQ,
                        UNKNOWN_MANDATORY, new Avp.CallSerialNumber(3)), Outcome.NOTHING),
                new Case("ICRQ with an unknown AVP without the M-bit", a -> 0, message(MessageType.ICRQ,
                        UNKNOWN_OPTIONAL, new Avp.AssignedSessionId(103), new Avp.CallSerialNumber(3)),
                        Outcome.ANSWER_CALL),
                new Case("ICCN on established call A", a -> a, message(MessageType.ICCN,
                        new Avp.TxConnectSpeed(1), new Avp.FramingType(true, false), UNKNOWN_MANDATORY),
                        Outcome.CLEAR_CALL_A),
                new Case("SLI on call A", a -> a, message(MessageType.SLI, UNKNOWN_MANDATORY,
                        new Avp.Accm(0, 0)), Outcome.CLEAR_CALL_A),
                new Case("WEN on call A, AVP first", a -> a, message(MessageType.WEN, UNKNOWN_MANDATORY,
                        new Avp.CallErrors(0, 0, 0, 0, 0, 0)), Outcome.CLEAR_CALL_A),
                new Case("CDN on call A", a -> a, message(MessageType.CDN, new Avp.ResultCode(3,
                        OptionalInt.empty(), ""), new Avp.AssignedSessionId(CALL_A), UNKNOWN_MANDATORY),
                        Outcome.CLEAR_CALL_A),
                new Case("SLI for a session that does not exist", a -> 0xFFFF,
                        message(MessageType.SLI, UNKNOWN_MANDATORY, new Avp.Accm(0, 0)), Outcome.NOTHING),
                new Case("HELLO", a -> 0, message(MessageType.HELLO, UNKNOWN_MANDATORY), Outcome.CLEAR_TUNNEL),
                new Case("SCCCN", a -> 0, message(MessageType.SCCCN, UNKNOWN_MANDATORY), Outcome.CLEAR_TUNNEL),
                new Case("HELLO with a session ID in the header", a -> a,
                        message(MessageType.HELLO, UNKNOWN_MANDATORY), Outcome.CLEAR_TUNNEL));
    }

    private static ControlMessage message(MessageType type, Avp... avps) {
        return new ControlMessage(type, Stream.of(avps).map(FlaggedAvp::of).toList());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void unknownMandatoryAvpClearsWhatTheMessageConcerns(Case c) {
        ScriptedLac lac = new ScriptedLac(L2tpConfig.lns("lns.example")).establishTunnel();
        int a = lac.placeCall(CALL_A);
        int b = lac.placeCall(CALL_B);
        lac.clearReceived();

        lac.send(c.headerSession().apply(a), c.message());

        List<ControlMessage> answers = lac.messages();
        var tunnel = lac.lns.snapshot().tunnels().getFirst();
        switch (c.outcome()) {
            case REFUSE_NEW_CALL -> {
                ControlPacket cdn = onlyCdn(lac);
                assertThat(cdn.header().sessionId()).isEqualTo(103);
                assertUnknownMandatoryResult(cdn.message().orElseThrow());
                assertThat(cdn.message().orElseThrow().find(Avp.AssignedSessionId.class))
                        .contains(new Avp.AssignedSessionId(0));
                assertCallsUp(lac, a, b);
            }
            case CLEAR_CALL_A -> {
                ControlPacket cdn = onlyCdn(lac);
                assertThat(cdn.header().sessionId()).isEqualTo(CALL_A);
                assertUnknownMandatoryResult(cdn.message().orElseThrow());
                assertThat(cdn.message().orElseThrow().find(Avp.AssignedSessionId.class))
                        .contains(new Avp.AssignedSessionId(a));
                assertThat(lac.sessionsDown.keySet()).singleElement()
                        .satisfies(s -> assertThat(s.localSessionId()).isEqualTo(a));
                assertCallsUp(lac, b);
            }
            case NOTHING -> {
                assertThat(answers).isEmpty();
                assertCallsUp(lac, a, b);
            }
            case ANSWER_CALL -> {
                assertThat(answers).extracting(ControlMessage::type).containsExactly(MessageType.ICRP);
                assertThat(lac.lns.sessionCount()).isEqualTo(3);
            }
            case CLEAR_TUNNEL -> {
                ControlMessage stop = lac.expect(MessageType.StopCCN);
                Avp.ResultCode rc = stop.find(Avp.ResultCode.class).orElseThrow();
                assertThat(rc.result()).isEqualTo(StopCcnResult.GENERAL_ERROR.code());
                assertThat(rc.error()).hasValue(GeneralError.UNKNOWN_MANDATORY_AVP.code());
                assertThat(tunnel.state()).isEqualTo(TunnelState.CLOSING);
                assertThat(lac.lns.sessionCount()).isZero();
            }
        }
        if (c.outcome() != Outcome.CLEAR_TUNNEL) {
            assertThat(tunnel.state()).isEqualTo(TunnelState.ESTABLISHED);
            assertThat(answers).extracting(ControlMessage::type).doesNotContain(MessageType.StopCCN);
        }
        assertThat(lac.lns.counters().get("l2tp.rx.unknown_mandatory_avp"))
                .isEqualTo(c.outcome() == Outcome.ANSWER_CALL ? 0 : 1);
    }

    /** 4.4.1: an unknown Message Type with the M-bit clears the tunnel. */
    @Test
    void unknownMandatoryMessageTypeClearsTheTunnel() {
        ScriptedLac lac = new ScriptedLac(L2tpConfig.lns("lns.example")).establishTunnel();
        lac.placeCall(CALL_A);
        lac.clearReceived();

        lac.sendRaw(withMessageType(lac, 99, true));

        Avp.ResultCode rc = lac.expect(MessageType.StopCCN).find(Avp.ResultCode.class).orElseThrow();
        assertThat(rc.result()).isEqualTo(StopCcnResult.GENERAL_ERROR.code());
        assertThat(rc.message()).contains("Message Type 99");
        assertThat(lac.lns.snapshot().tunnels().getFirst().state()).isEqualTo(TunnelState.CLOSING);
    }

    /**
     * 4.4.1: an unknown Message Type without the M-bit is ignored, but it is acknowledged and takes
     * its Ns slot: dropped unacknowledged, the peer would retransmit it until the tunnel died, and
     * every later message would wait behind it.
     */
    @Test
    void unknownMessageTypeWithoutTheMBitIsAcknowledgedAndIgnored() {
        ScriptedLac lac = new ScriptedLac(L2tpConfig.lns("lns.example")).establishTunnel();
        lac.placeCall(CALL_A);
        lac.clearReceived();

        lac.sendRaw(withMessageType(lac, 99, false));
        lac.send(0, ScriptedLac.icrq(CALL_B)); // the next Ns: processed at once only if 99 took its slot

        assertThat(lac.messages()).extracting(ControlMessage::type).containsExactly(MessageType.ICRP);
        assertThat(lac.lns.counters().get("l2tp.rx.ignored_message_type")).isEqualTo(1);
        assertThat(lac.lns.sessionCount()).isEqualTo(2); // call A and the new one
        assertThat(lac.sessionsDown).isEmpty();
        assertThat(lac.lns.snapshot().tunnels().getFirst().state()).isEqualTo(TunnelState.ESTABLISHED);
    }

    /** A HELLO for the next Ns slot with its Message Type value and M-bit replaced. */
    private static ByteBuffer withMessageType(ScriptedLac lac, int type, boolean mandatory) {
        ByteBuffer b = lac.encodeNext(0, ControlMessage.of(MessageType.HELLO));
        b.put(12, (byte) (mandatory ? 0x80 : 0x00)); // Message Type AVP: M-bit, length high bits 0
        b.putShort(18, (short) type);
        return b;
    }

    private static ControlPacket onlyCdn(ScriptedLac lac) {
        List<ControlPacket> withBody = lac.received.stream().filter(p -> p.message().isPresent()).toList();
        assertThat(withBody).singleElement().satisfies(p ->
                assertThat(p.message().orElseThrow().type()).isEqualTo(MessageType.CDN));
        return withBody.getFirst();
    }

    private static void assertUnknownMandatoryResult(ControlMessage cdn) {
        Avp.ResultCode rc = cdn.find(Avp.ResultCode.class).orElseThrow();
        assertThat(rc.result()).isEqualTo(CdnResult.GENERAL_ERROR.code());
        assertThat(rc.error()).hasValue(GeneralError.UNKNOWN_MANDATORY_AVP.code());
        assertThat(rc.message()).contains("type 99"); // 4.4.2: names the offending attribute
    }

    private static void assertCallsUp(ScriptedLac lac, int... lnsSessions) {
        assertThat(lac.lns.sessionCount()).isEqualTo(lnsSessions.length);
        for (int id : lnsSessions) {
            assertThat(lac.sessionsUp).filteredOn(s -> s.localSessionId() == id).singleElement()
                    .satisfies(s -> assertThat(s.state()).isEqualTo(SessionState.ESTABLISHED));
        }
    }
}
