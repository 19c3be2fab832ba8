package io.cohort.pptp.control;

import static org.assertj.core.api.Assertions.assertThat;

import io.cohort.pptp.gre.GreChannel;
import io.cohort.pptp.gre.GreChannelSettings;
import io.cohort.pptp.gre.GreCodec;
import io.cohort.pptp.gre.GreDecodeError;
import io.cohort.pptp.gre.GrePacket;
import io.cohort.pptp.gre.GreSequenceState;
import io.cohort.pptp.wire.ControlMessage;
import io.cohort.pptp.wire.ControlMessageType;
import io.cohort.pptp.wire.GoldenBytes;
import io.cohort.pptp.wire.PptpCodec;
import io.cohort.wire.DecodeResult;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A whole control connection as the stock Linux client {@code pptp-linux} runs it: SCCRQ (version
 * 1.0, host "local", vendor "cananian"), OCRQ (2400..10000000 bps, bearer 3, framing 3, window 64),
 * Set-Link-Info once PPP is up, an Echo-Request, Call-Clear-Request and Stop-Control-Connection-
 * Request, delivered as TCP octets in awkward chunks; Cohort's replies are compared octet for
 * octet with golden files.
 */
class PptpLinuxDialogueTest {
    private final ScriptedPns p = new ScriptedPns();

    /** Feeds the octets in chunks of 1, 2, 3, ... octets, as a slow TCP stream might. */
    private void feed(byte[] octets) {
        int at = 0;
        for (int size = 1; at < octets.length; size++) {
            int n = Math.min(size, octets.length - at);
            p.connection.receive(ByteBuffer.wrap(octets, at, n));
            at += n;
        }
    }

    private byte[] lastSent() {
        return GoldenBytes.bytes(PptpCodec.encode(p.sent.getLast()));
    }

    @Test
    void pptpLinuxSession() {
        feed(GoldenBytes.load("wire/sccrq.hex"));
        assertThat(lastSent()).isEqualTo(GoldenBytes.load("control/sccrp-cohort.hex"));
        assertThat(p.connection.state()).isEqualTo(ControlState.ESTABLISHED);
        assertThat(p.connection.peerStart().orElseThrow().hostName()).isEqualTo("local");
        assertThat(p.connection.peerStart().orElseThrow().vendorString()).isEqualTo("cananian");

        feed(GoldenBytes.load("wire/ocrq.hex"));
        PptpCall call = p.up.getFirst();
        byte[] expected = GoldenBytes.load("control/ocrp-connected.hex");
        expected[12] = (byte) (call.callId() >>> 8);
        expected[13] = (byte) call.callId();
        assertThat(lastSent()).isEqualTo(expected);
        assertThat(call.peerCallId()).isEqualTo(0x1234);
        assertThat(call.peerReceiveWindow()).isEqualTo(64);
        assertThat(call.peerProcessingDelay()).isEqualTo(Duration.ZERO);

        // pptp-linux tells the PAC the ACCMs once LCP is up; Peer's Call ID is ours (2.15).
        feed(GoldenBytes.bytes(PptpCodec.encode(new ControlMessage.SetLinkInfo(call.callId(), 0xFFFF_FFFFL,
                0xFFFF_FFFFL))));
        assertThat(p.connection.call(call.callId()).orElseThrow().linkInfo()).isPresent();

        feed(GoldenBytes.load("wire/echorq.hex"));
        ControlMessage.EchoReply echo = (ControlMessage.EchoReply) p.sent.getLast();
        assertThat(echo.identifier()).isEqualTo(0xDEADBEEFL);
        assertThat(echo.resultCode()).isEqualTo(1);

        feed(GoldenBytes.load("wire/ccrq.hex"));
        ControlMessage.CallDisconnectNotify cdn = (ControlMessage.CallDisconnectNotify) p.sent.getLast();
        assertThat(cdn.callId()).isEqualTo(call.callId());
        assertThat(cdn.resultCode()).isEqualTo(4);
        assertThat(p.down).containsExactly("peer sent Call-Clear-Request");

        feed(GoldenBytes.load("wire/stopccrq.hex"));
        assertThat(p.sent.getLast().type()).isEqualTo(ControlMessageType.STOP_CONTROL_CONNECTION_REPLY);
        assertThat(p.connection.state()).isEqualTo(ControlState.CLOSED);
        assertThat(p.closed).isEqualTo("peer stopped the control connection (reason 3)");
        assertThat(p.sentTypes()).containsExactly(ControlMessageType.START_CONTROL_CONNECTION_REPLY,
                ControlMessageType.OUTGOING_CALL_REPLY, ControlMessageType.ECHO_REPLY,
                ControlMessageType.CALL_DISCONNECT_NOTIFY, ControlMessageType.STOP_CONTROL_CONNECTION_REPLY);
    }

    @Test
    void anEstablishedCallCarriesWhatItsGreChannelNeeds() {
        feed(GoldenBytes.load("wire/sccrq.hex"));
        feed(GoldenBytes.load("wire/ocrq.hex"));
        PptpCall call = p.up.getFirst();
        List<ByteBuffer> out = new ArrayList<>();
        GreChannel channel = new GreChannel(call.peerCallId(), call.peerReceiveWindow(), call.peerProcessingDelay(),
                call.receiveWindow(), GreChannelSettings.DEFAULTS, GreSequenceState.INITIAL, p.scheduler,
                new GreChannel.Output() {
                    @Override public void transmit(ByteBuffer grePacket) {
                        out.add(grePacket);
                    }

                    @Override public void deliver(ByteBuffer pppFrame) {
                    }
                }, p.counters);

        assertThat(channel.send(ByteBuffer.wrap(new byte[] {(byte) 0xFF, 0x03, (byte) 0xC0, 0x21}))).isTrue();
        GrePacket sent = ((DecodeResult.Decoded<GrePacket, GreDecodeError>) GreCodec.decode(out.getFirst())).value();
        assertThat(sent.header().callId()).isEqualTo(0x1234); // the peer's Call ID keys what we send (4.1)
    }

    @Test
    void pptpLinuxHangingUpWithoutClearingTheCall() {
        feed(GoldenBytes.load("wire/sccrq.hex"));
        feed(GoldenBytes.load("wire/ocrq.hex"));
        p.connection.transportClosed("TCP connection reset");

        assertThat(p.down).containsExactly("TCP connection reset");
        assertThat(p.allocator.allocated()).isZero();
        assertThat(p.capacity.used()).isZero();
    }

    @Test
    void twoMessagesInOneSegment() {
        byte[] a = GoldenBytes.load("wire/sccrq.hex");
        byte[] b = GoldenBytes.load("wire/ocrq.hex");
        byte[] both = new byte[a.length + b.length];
        System.arraycopy(a, 0, both, 0, a.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        p.connection.receive(ByteBuffer.wrap(both));

        assertThat(p.sentTypes()).containsExactly(ControlMessageType.START_CONTROL_CONNECTION_REPLY,
                ControlMessageType.OUTGOING_CALL_REPLY);
        assertThat(p.up).hasSize(1);
    }
}
