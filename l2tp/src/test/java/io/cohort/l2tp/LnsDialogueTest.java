package io.cohort.l2tp;

import static org.assertj.core.api.Assertions.assertThat;

import io.cohort.l2tp.session.Session;
import io.cohort.l2tp.session.SessionHandle;
import io.cohort.l2tp.session.SessionState;
import io.cohort.l2tp.tunnel.TunnelState;
import io.cohort.l2tp.wire.Avp;
import io.cohort.l2tp.wire.CdnResult;
import io.cohort.l2tp.wire.ControlMessage;
import io.cohort.l2tp.wire.ControlPacket;
import io.cohort.l2tp.wire.MessageType;
import java.util.List;
import java.util.OptionalInt;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * An LNS node answering a scripted LAC (RFC 2661 sections 5.8, 6 and 7): call messages it does
 * not take (OCRQ), call status messages (WEN, SLI), duplicates and Zero-Length Body
 * acknowledgements, checked on the wire.
 */
class LnsDialogueTest {
    private final ScriptedPeer lac = new ScriptedPeer(L2tpConfig.lns("lns.example")).establish();

    private static Avp[] ocrq(int ourSession) {
        return new Avp[] {new Avp.AssignedSessionId(ourSession), new Avp.CallSerialNumber(9),
                new Avp.MinimumBps(9600), new Avp.MaximumBps(100_000_000L), new Avp.BearerType(true, true),
                new Avp.FramingType(true, false), new Avp.CalledNumber("5551234")};
    }

    @Test
    void anOutgoingCallRequestIsRefusedWithCdnAndTheTunnelStays() {
        lac.send(0, MessageType.OCRQ, ocrq(0x4321));
        ControlMessage cdn = lac.expect(MessageType.CDN);
        ControlPacket packet = lac.received.stream().filter(p -> !p.isZlb()).findFirst().orElseThrow();
        assertThat(packet.header().sessionId()).as("addressed to the caller's session").isEqualTo(0x4321);
        assertThat(cdn.find(Avp.ResultCode.class).orElseThrow().result())
                .isEqualTo(CdnResult.PERMANENT_LACK_OF_FACILITIES.code());
        assertThat(cdn.find(Avp.AssignedSessionId.class).orElseThrow().id()).as("no session was created").isZero();
        assertThat(lac.lns.sessionCount()).isZero();
        assertThat(lac.tunnelsUp.getFirst().state()).isEqualTo(TunnelState.ESTABLISHED);
        assertThat(lac.messages()).extracting(ControlMessage::type).containsExactly(MessageType.CDN);
        // The tunnel still takes incoming calls afterwards.
        lac.received.clear();
        lac.placeCall(7);
        assertThat(lac.sessionsUp).hasSize(1);
    }

    /** 6.13, 6.14: status for the call; answered with an acknowledgement only. */
    static Stream<Arguments> callStatus() {
        Avp.CallErrors errors = new Avp.CallErrors(1, 2, 3, 4, 5, 6);
        Avp.Accm accm = new Avp.Accm(0xFFFFFFFF, 0x000A0000);
        return Stream.of(
                Arguments.of(MessageType.WEN, new Avp[] {errors}, errors, null),
                Arguments.of(MessageType.SLI, new Avp[] {accm}, null, accm));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("callStatus")
    void callStatusIsRecordedAndTheSessionStaysUp(MessageType type, Avp[] avps, Avp.CallErrors errors,
                                                  Avp.Accm accm) {
        int lnsSession = lac.placeCall(7);
        lac.send(lnsSession, type, avps);
        lac.settle();
        assertThat(lac.messages()).as("nothing but an acknowledgement").isEmpty();
        assertThat(lac.zlbs()).isNotEmpty();
        assertThat(lac.zlbs().getLast().header().nr()).isEqualTo(lac.ns);
        Session s = (Session) lac.sessionsUp.getFirst();
        assertThat(s.state()).isEqualTo(SessionState.ESTABLISHED);
        assertThat(s.lastCallErrors()).isEqualTo(errors);
        assertThat(s.accm()).isEqualTo(accm);
        assertThat(lac.events).noneMatch(e -> e.startsWith("session down"));
    }

    /** A call that is nowhere is cleared: CDN with Session ID 0 naming it by Assigned Session ID (4.4.3). */
    @Test
    void callStatusForAnUnknownSessionIsCountedAndAnsweredWithACdnForThatSession() {
        lac.placeCall(7);
        lac.send(0x7777, MessageType.WEN, new Avp.CallErrors(1, 0, 0, 0, 0, 0));
        lac.settle();
        assertThat(lac.lns.counters().get("l2tp.rx.unknown_session")).isEqualTo(1);
        assertThat(lac.messages()).singleElement().satisfies(cdn -> {
            assertThat(cdn.type()).isEqualTo(MessageType.CDN);
            assertThat(cdn.find(Avp.AssignedSessionId.class)).contains(new Avp.AssignedSessionId(0x7777));
        });
        assertThat(lac.received.stream().filter(p -> p.message().isPresent()).toList().getLast().header().sessionId())
                .isZero();
        assertThat(lac.sessionsUp.getFirst().state()).isEqualTo(SessionState.ESTABLISHED);
    }

    /** 5.8: what a duplicate, a ZLB or a HELLO gets back. */
    enum Replay { DUPLICATE_ICRQ, DUPLICATE_ICCN, HELLO, OLD_NS_FAR_BACK }

    @ParameterizedTest(name = "{0}")
    @MethodSource("replays")
    void duplicatesAreReAcknowledgedNotProcessedAgain(Replay replay) {
        int lnsSession = lac.placeCall(7); // our ICRQ went out with Ns 2, ICCN with Ns 3
        int nsBefore = lac.ns;
        switch (replay) {
            case DUPLICATE_ICRQ -> lac.sendWith(lac.lnsTunnel, 0, 2, MessageType.ICRQ, new Avp.AssignedSessionId(7),
                    new Avp.CallSerialNumber(7));
            case DUPLICATE_ICCN -> lac.sendWith(lac.lnsTunnel, lnsSession, 3, MessageType.ICCN,
                    new Avp.TxConnectSpeed(10_000_000L), new Avp.FramingType(true, false));
            case HELLO -> lac.send(0, MessageType.HELLO);
            case OLD_NS_FAR_BACK -> lac.sendWith(lac.lnsTunnel, 0, 0, MessageType.SCCRQ,
                    new Avp.ProtocolVersion(1, 0), new Avp.HostName("scripted-lac"),
                    new Avp.FramingCapabilities(true, true), new Avp.AssignedTunnelId(ScriptedPeer.OUR_TUNNEL));
        }
        lac.settle();
        assertThat(lac.messages()).as("no new control message").isEmpty();
        List<ControlPacket> zlbs = lac.zlbs();
        assertThat(zlbs).as("re-acknowledged with a ZLB").hasSize(1);
        assertThat(zlbs.getFirst().header().nr()).isEqualTo(lac.ns);
        assertThat(lac.ns).isEqualTo(replay == Replay.HELLO ? nsBefore + 1 : nsBefore);
        assertThat(lac.lns.sessionCount()).isEqualTo(1);
        assertThat(lac.sessionsUp).hasSize(1);
        assertThat(lac.tunnelsUp.getFirst().state()).isEqualTo(TunnelState.ESTABLISHED);
    }

    static Stream<Replay> replays() {
        return Stream.of(Replay.values());
    }

    @Test
    void aZlbTakesNoSequenceNumber() {
        lac.zlb();
        lac.zlb();
        lac.settle();
        assertThat(lac.received).as("a ZLB is never acknowledged").isEmpty();
        // The next real message still uses the Ns after SCCCN: a ZLB did not consume one.
        lac.placeCall(7);
        assertThat(lac.sessionsUp).hasSize(1);
    }

    @Test
    void aMessageFromTheFutureIsHeldUntilTheGapIsFilled() {
        // ICRQ with Ns 3 arrives before HELLO with Ns 2.
        lac.sendWith(lac.lnsTunnel, 0, 3, MessageType.ICRQ, new Avp.AssignedSessionId(7), new Avp.CallSerialNumber(7));
        lac.settle();
        assertThat(lac.messages()).as("held, not processed").isEmpty();
        lac.send(0, MessageType.HELLO);
        lac.ns++;
        ControlMessage icrp = lac.expect(MessageType.ICRP);
        assertThat(icrp.find(Avp.AssignedSessionId.class)).isPresent();
        assertThat(lac.received.getLast().header().nr()).isEqualTo(4);
    }

    @Test
    void ourCdnClearsTheSessionAndIsAcknowledged() {
        int lnsSession = lac.placeCall(7);
        lac.send(lnsSession, MessageType.CDN, new Avp.ResultCode(CdnResult.ADMINISTRATIVE.code(), OptionalInt.empty(),
                ""), new Avp.AssignedSessionId(7));
        lac.settle();
        assertThat(lac.messages()).isEmpty();
        assertThat(lac.zlbs()).isNotEmpty();
        assertThat(lac.lns.sessionCount()).isZero();
        assertThat(lac.events.getLast()).startsWith("session down: peer disconnected: Call disconnected for "
                + "administrative reasons");
        SessionHandle s = lac.sessionsUp.getFirst();
        assertThat(s.state()).isEqualTo(SessionState.CLOSED);
    }
}
