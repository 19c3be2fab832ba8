package io.cohort.l2tp.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cohort.l2tp.wire.Avp;
import io.cohort.l2tp.wire.ControlMessage;
import io.cohort.l2tp.wire.DataPacket;
import io.cohort.l2tp.wire.Decoding;
import io.cohort.l2tp.wire.L2tpCodec;
import io.cohort.l2tp.wire.MessageType;
import java.nio.ByteBuffer;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A call rebuilt from its replicated state (patent figure 7) carries on (RFC 2661 5.4, 7.4). */
class SessionRestoreTest {
    private final SessionTest.RecordingLink link = new SessionTest.RecordingLink();

    private static final L2tpSessionState ESTABLISHED_LNS = new L2tpSessionState(
            new L2tpSessionInitialState(300, 77, SessionRole.LNS, 1, false),
            new L2tpSessionEssentialState(SessionState.ESTABLISHED, true, Optional.of(new Avp.CallErrors(1, 2, 3, 4, 5, 6)),
                    Optional.of(new Avp.Accm(-1, 0))),
            new L2tpSessionDataSequence(40, 12));

    private static DataPacket dataFromPeer(int ns) {
        ByteBuffer b = L2tpCodec.encodeData(10, 300, ByteBuffer.wrap(new byte[] {(byte) 0xC0, 0x21}), true, ns, 0,
                false, 0);
        return (DataPacket) Decoding.packet(L2tpCodec.decode(b, null));
    }

    @Test
    void aRestoredCallGivesTheStateItWasRestoredFromAndSendsNothing() {
        Session s = Session.restore(link, ESTABLISHED_LNS);
        assertThat(s.failoverState()).isEqualTo(ESTABLISHED_LNS);
        assertThat(link.sent).isEmpty();
        assertThat(link.events).as("no sessionUp: the caller knows what it restored").isEmpty();
    }

    @Test
    void dataContinuesWithTheRestoredSequenceNumbers() {
        Session s = Session.restore(link, ESTABLISHED_LNS);
        assertThat(s.receiveData(dataFromPeer(12))).isTrue();
        assertThat(s.sendData(ByteBuffer.wrap(new byte[] {1}))).isTrue();
        DataPacket out = (DataPacket) Decoding.packet(L2tpCodec.decode(link.data.getLast(), null));
        assertThat(out.header().ns()).isEqualTo(40);
        assertThat(out.header().sessionId()).isEqualTo(77);
        assertThat(s.dataSequence()).isEqualTo(new L2tpSessionDataSequence(41, 13));
    }

    @Test
    void aStaleExpectedNsTakesThePeersNextPacketAsAGap() {
        Session s = Session.restore(link, ESTABLISHED_LNS); // the peer has sent up to Ns 19 meanwhile
        assertThat(s.receiveData(dataFromPeer(20))).isTrue();
        assertThat(s.snapshot().rxSequenceGaps()).isEqualTo(1);
    }

    @Test
    void aRestoredCallWaitingForIccnIsEstablishedByIt() {
        L2tpSessionState waiting = new L2tpSessionState(new L2tpSessionInitialState(300, 77, SessionRole.LNS, 1, false),
                new L2tpSessionEssentialState(SessionState.WAIT_CONNECT, false, Optional.empty(), Optional.empty()),
                new L2tpSessionDataSequence(0, 0));
        Session s = Session.restore(link, waiting);
        s.receive(ControlMessage.of(MessageType.ICCN, new Avp.TxConnectSpeed(1), new Avp.FramingType(true, false)));
        assertThat(s.state()).isEqualTo(SessionState.ESTABLISHED);
        assertThat(link.events).containsExactly("up");
    }

    @Test
    void aClosedCallIsNotRestored() {
        L2tpSessionState closed = new L2tpSessionState(ESTABLISHED_LNS.initial(),
                new L2tpSessionEssentialState(SessionState.CLOSED, false, Optional.empty(), Optional.empty()),
                ESTABLISHED_LNS.dataSequence());
        assertThatThrownBy(() -> Session.restore(link, closed)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void resumingJumpsOurNsAheadAndKeepsTheExpectedNs() {
        assertThat(new L2tpSessionDataSequence(0xFFF0, 5).resumedAfter(32)).isEqualTo(
                new L2tpSessionDataSequence(0x0010, 5));
        assertThatThrownBy(() -> new L2tpSessionDataSequence(0, 0).resumedAfter(0x8000))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
