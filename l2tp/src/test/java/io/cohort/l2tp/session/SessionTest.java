package io.cohort.l2tp.session;

import static org.assertj.core.api.Assertions.assertThat;

import io.cohort.l2tp.wire.Avp;
import io.cohort.l2tp.wire.CdnResult;
import io.cohort.l2tp.wire.ControlMessage;
import io.cohort.l2tp.wire.DataPacket;
import io.cohort.l2tp.wire.Decoding;
import io.cohort.l2tp.wire.L2tpCodec;
import io.cohort.l2tp.wire.MessageType;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class SessionTest {

    /** Records what a session asks of its tunnel. */
    static final class RecordingLink implements SessionLink {
        final List<ControlMessage> sent = new ArrayList<>();
        final List<Integer> sentToSession = new ArrayList<>();
        final List<ByteBuffer> data = new ArrayList<>();
        final List<String> events = new ArrayList<>();

        @Override public int localTunnelId() { return 10; }
        @Override public int peerTunnelId() { return 20; }
        @Override public void sendControl(int peerSessionId, MessageType type, List<Avp> avps) {
            sent.add(ControlMessage.of(type, avps.toArray(Avp[]::new)));
            sentToSession.add(peerSessionId);
        }
        @Override public void transmitData(ByteBuffer packet) { data.add(packet); }
        @Override public void sessionUp(Session s) { events.add("up"); }
        @Override public void sessionData(Session s, ByteBuffer frame) { events.add("data " + frame.remaining()); }
        @Override public void sessionDown(Session s, String reason) { events.add("down " + reason); }

        MessageType lastType() {
            return sent.getLast().type();
        }
    }

    private static ControlMessage msg(MessageType type, Avp... avps) {
        return ControlMessage.of(type, avps);
    }

    private static final ControlMessage ICRQ = msg(MessageType.ICRQ, new Avp.AssignedSessionId(77),
            new Avp.CallSerialNumber(1));
    private static final ControlMessage ICRP = msg(MessageType.ICRP, new Avp.AssignedSessionId(88));
    private static final ControlMessage ICCN = msg(MessageType.ICCN, new Avp.TxConnectSpeed(1),
            new Avp.FramingType(true, false));
    private static final ControlMessage CDN = msg(MessageType.CDN,
            new Avp.ResultCode(CdnResult.LOSS_OF_CARRIER.code(), OptionalInt.empty(), ""), new Avp.AssignedSessionId(88));

    static Stream<Arguments> lacTable() {
        // message received in wait-reply -> resulting state, last message sent
        return Stream.of(
                Arguments.of(ICRP, SessionState.ESTABLISHED, MessageType.ICCN),
                Arguments.of(CDN, SessionState.CLOSED, MessageType.ICRQ),
                Arguments.of(ICCN, SessionState.CLOSED, MessageType.CDN),
                Arguments.of(ICRQ, SessionState.CLOSED, MessageType.CDN));
    }

    @ParameterizedTest(name = "LAC wait-reply + {0} -> {1}")
    @MethodSource("lacTable")
    void lacWaitReply(ControlMessage in, SessionState expected, MessageType lastSent) {
        RecordingLink link = new RecordingLink();
        Session s = Session.outgoing(link, 5, 1, false);
        assertThat(s.state()).isEqualTo(SessionState.IDLE);
        s.start();
        assertThat(link.lastType()).isEqualTo(MessageType.ICRQ);
        assertThat(link.sentToSession.getLast()).isZero();
        s.receive(in);
        assertThat(s.state()).isEqualTo(expected);
        assertThat(link.lastType()).isEqualTo(lastSent);
    }

    static Stream<Arguments> lnsTable() {
        return Stream.of(
                Arguments.of(ICCN, SessionState.ESTABLISHED, MessageType.ICRP),
                Arguments.of(CDN, SessionState.CLOSED, MessageType.ICRP),
                Arguments.of(ICRP, SessionState.CLOSED, MessageType.CDN));
    }

    @ParameterizedTest(name = "LNS wait-connect + {0} -> {1}")
    @MethodSource("lnsTable")
    void lnsWaitConnect(ControlMessage in, SessionState expected, MessageType lastSent) {
        RecordingLink link = new RecordingLink();
        Session s = Session.answer(link, 6, ICRQ, false);
        assertThat(s.state()).isEqualTo(SessionState.WAIT_CONNECT);
        assertThat(s.peerSessionId()).isEqualTo(77);
        assertThat(link.sent.getFirst().find(Avp.AssignedSessionId.class)).contains(new Avp.AssignedSessionId(6));
        s.receive(in);
        assertThat(s.state()).isEqualTo(expected);
        assertThat(link.lastType()).isEqualTo(lastSent);
    }

    @Test
    void lacAsksForSequencingAndSendsSequencedData() {
        RecordingLink link = new RecordingLink();
        Session s = Session.outgoing(link, 5, 1, true);
        s.start();
        s.receive(ICRP);
        assertThat(link.sent.getLast().find(Avp.SequencingRequired.class)).isPresent();
        s.sendData(ByteBuffer.wrap(new byte[] {1}));
        s.sendData(ByteBuffer.wrap(new byte[] {2}));
        DataPacket second = decodeData(link.data.getLast());
        assertThat(second.header().sequencePresent()).isTrue();
        assertThat(second.header().ns()).isEqualTo(1);
        assertThat(second.header().tunnelId()).isEqualTo(20);
        assertThat(second.header().sessionId()).isEqualTo(88);
    }

    @Test
    void lnsSequencesWhenTheIccnRequiresIt() {
        RecordingLink link = new RecordingLink();
        Session s = Session.answer(link, 6, ICRQ, false);
        s.receive(msg(MessageType.ICCN, new Avp.TxConnectSpeed(1), new Avp.FramingType(true, false),
                new Avp.SequencingRequired()));
        s.sendData(ByteBuffer.wrap(new byte[] {1}));
        assertThat(decodeData(link.data.getLast()).header().sequencePresent()).isTrue();
    }

    @Test
    void olderDataIsDroppedAndGapsAreCounted() {
        RecordingLink link = new RecordingLink();
        Session s = Session.answer(link, 6, ICRQ, false);
        s.receive(ICCN);
        int[] arrivals = {0, 1, 3, 2, 4, 4};
        boolean[] accepted = new boolean[arrivals.length];
        for (int i = 0; i < arrivals.length; i++) {
            accepted[i] = s.receiveData(decodeData(L2tpCodec.encodeData(10, 6, ByteBuffer.wrap(new byte[] {9}), true,
                    arrivals[i], 0, false, 0)));
        }
        assertThat(accepted).containsExactly(true, true, true, false, true, false);
        assertThat(s.snapshot().rxSequenceGaps()).isEqualTo(1);
        assertThat(s.snapshot().rxOutOfOrder()).isEqualTo(2);
    }

    @Test
    void dataBeforeEstablishmentIsDropped() {
        RecordingLink link = new RecordingLink();
        Session s = Session.answer(link, 6, ICRQ, false);
        assertThat(s.sendData(ByteBuffer.wrap(new byte[] {1}))).isFalse();
        assertThat(link.data).isEmpty();
    }

    @Test
    void localCloseSendsCdnWithAdministrativeResult() {
        RecordingLink link = new RecordingLink();
        Session s = Session.answer(link, 6, ICRQ, false);
        s.receive(ICCN);
        s.close("bye");
        ControlMessage cdn = link.sent.getLast();
        assertThat(cdn.type()).isEqualTo(MessageType.CDN);
        assertThat(cdn.find(Avp.ResultCode.class).orElseThrow().result()).isEqualTo(CdnResult.ADMINISTRATIVE.code());
        assertThat(cdn.find(Avp.AssignedSessionId.class)).contains(new Avp.AssignedSessionId(6));
        assertThat(link.sentToSession.getLast()).isEqualTo(77);
        assertThat(link.events).containsExactly("up", "down bye");
    }

    @Test
    void wenAndSliAreRecorded() {
        RecordingLink link = new RecordingLink();
        Session s = Session.answer(link, 6, ICRQ, false);
        s.receive(ICCN);
        s.receive(msg(MessageType.WEN, new Avp.CallErrors(1, 2, 3, 4, 5, 6)));
        s.receive(msg(MessageType.SLI, new Avp.Accm(0xFFFF, 0)));
        assertThat(s.lastCallErrors().crcErrors()).isEqualTo(1);
        assertThat(s.accm().send()).isEqualTo(0xFFFF);
        assertThat(s.state()).isEqualTo(SessionState.ESTABLISHED);
    }

    private static DataPacket decodeData(ByteBuffer b) {
        return (DataPacket) Decoding.packet(L2tpCodec.decode(b, null));
    }
}
