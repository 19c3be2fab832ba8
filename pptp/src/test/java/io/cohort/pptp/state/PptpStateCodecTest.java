package io.cohort.pptp.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cohort.pptp.control.ControlConnectionEssentialState;
import io.cohort.pptp.control.ControlConnectionInitialState;
import io.cohort.pptp.control.ControlState;
import io.cohort.pptp.control.PptpCall;
import io.cohort.pptp.control.PptpCallEssentialState;
import io.cohort.pptp.gre.GreChannelEssentialState;
import io.cohort.pptp.gre.GreChannelInitialState;
import io.cohort.pptp.gre.GreSequenceState;
import io.cohort.pptp.wire.ControlMessage;
import io.cohort.wire.DecodeResult;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** Golden octets of each record kind of {@link PptpStateCodec}, its typed errors, and a session's size. */
class PptpStateCodecTest {
    // A Windows client's SCCRQ, as RFC 2637 2.1 lays it out
    static final ControlConnectionInitialState CONTROL_INITIAL = new ControlConnectionInitialState(
            new ControlMessage.StartControlConnectionRequest(0x0100, 1, 1, 0, 0x0A28, "pns", "Café"));
    static final byte[] CONTROL_INITIAL_OCTETS = hex("""
            01 01        version 1, kind 1 ControlConnectionInitialState
            0100         Protocol Version 1.0
            00000001     Framing Capabilities: asynchronous
            00000001     Bearer Capabilities: analog
            0000         Maximum Channels
            0A28         Firmware Revision
            0003 706E73  Host Name "pns"
            0005 436166C3A9  Vendor String "Café" (é is C3 A9 in UTF-8)
            """);

    static final PptpCall CALL = new PptpCall(0x1234, 0xABCD, 64, PptpCall.processingDelay(3), 16, 7, 100_000_000);
    static final byte[] CALL_OCTETS = hex("""
            01 02        version 1, kind 2 PptpCall
            1234         Call ID
            ABCD         Peer's Call ID
            0040         Peer's Packet Recv. Window Size 64
            0000000000000000 11E1A300  Peer's Packet Processing Delay 0 s 300 000 000 ns
            0010         our Packet Recv. Window Size 16
            0007         Call Serial Number
            05F5E100     Connect Speed 100 000 000 bps
            """);

    static final ControlConnectionEssentialState CONTROL_ESSENTIAL = new ControlConnectionEssentialState(
            ControlState.ESTABLISHED, 5, true, List.of(
                    new PptpCallEssentialState(0x1234, Optional.of(new ControlMessage.SetLinkInfo(0x1234, 0xFFFF_FFFFL, 0)),
                            Optional.empty()),
                    new PptpCallEssentialState(0x0042, Optional.empty(),
                            Optional.of(new ControlMessage.WanErrorNotify(0xBEEF, 1, 2, 3, 4, 5, 6)))));
    static final byte[] CONTROL_ESSENTIAL_OCTETS = hex("""
            01 03        version 1, kind 3 ControlConnectionEssentialState
            01           State ESTABLISHED
            00000005     Echo Identifier
            01           Echo Outstanding
            00000002     Call Count
            1234         call 1: Call ID
            01           Set-Link-Info present
            1234 FFFFFFFF 00000000  Peer's Call ID, Send ACCM, Receive ACCM
            00           no WAN-Error-Notify
            0042         call 2: Call ID
            00           no Set-Link-Info
            01           WAN-Error-Notify present
            BEEF         Peer's Call ID
            00000001 00000002 00000003  CRC, Framing Errors, Hardware Overruns
            00000004 00000005 00000006  Buffer Overruns, Time-out, Alignment Errors
            """);

    static final ControlConnectionEssentialState CONTROL_STOPPING = new ControlConnectionEssentialState(
            ControlState.WAIT_STOP_REPLY, 0, false, List.of());
    static final byte[] CONTROL_STOPPING_OCTETS = hex("""
            01 03        version 1, kind 3 ControlConnectionEssentialState
            02           State WAIT_STOP_REPLY
            00000000     Echo Identifier none
            00           Echo Outstanding no
            00000000     Call Count
            """);

    static final GreChannelInitialState GRE_INITIAL = new GreChannelInitialState(0xABCD, 0, Duration.ofMillis(300), 16);
    static final byte[] GRE_INITIAL_OCTETS = hex("""
            01 04        version 1, kind 4 GreChannelInitialState
            ABCD         Peer's Call ID
            0000         Peer's Packet Recv. Window Size 0: no flow control
            0000000000000000 11E1A300  Peer's Packet Processing Delay 300 ms
            0010         our Packet Recv. Window Size 16
            """);

    static final GreChannelEssentialState GRE_ESSENTIAL = new GreChannelEssentialState(
            new GreSequenceState(0x0001_0000L, OptionalLong.of(0xFFFF_FFFFL)), 8, Duration.ofMillis(1500),
            Duration.ofMillis(250));
    static final byte[] GRE_ESSENTIAL_OCTETS = hex("""
            01 05        version 1, kind 5 GreChannelEssentialState
            00010000     Next Sequence Number
            01 FFFFFFFF  Last Received present, 2^32 - 1
            0008         Transmit Window
            0000000000000001 1DCD6500  RTT 1 s 500 000 000 ns
            0000000000000000 0EE6B280  RTT Deviation 250 000 000 ns
            """);

    static final GreChannelEssentialState GRE_FRESH = new GreChannelEssentialState(GreSequenceState.INITIAL, 1,
            Duration.ZERO, Duration.ZERO);
    static final byte[] GRE_FRESH_OCTETS = hex("""
            01 05        version 1, kind 5 GreChannelEssentialState
            00000000     Next Sequence Number
            00           nothing received yet
            0001         Transmit Window
            0000000000000000 00000000  RTT 0
            0000000000000000 00000000  RTT Deviation 0
            """);

    @Test
    void controlConnectionInitialState() {
        assertThat(PptpStateCodec.encode(CONTROL_INITIAL)).isEqualTo(CONTROL_INITIAL_OCTETS);
        assertThat(decode(CONTROL_INITIAL_OCTETS)).isEqualTo(CONTROL_INITIAL);
    }

    @Test
    void call() {
        assertThat(PptpStateCodec.encode(CALL)).isEqualTo(CALL_OCTETS);
        assertThat(decode(CALL_OCTETS)).isEqualTo(CALL);
    }

    @Test
    void controlConnectionEssentialState() {
        assertThat(PptpStateCodec.encode(CONTROL_ESSENTIAL)).isEqualTo(CONTROL_ESSENTIAL_OCTETS);
        assertThat(decode(CONTROL_ESSENTIAL_OCTETS)).isEqualTo(CONTROL_ESSENTIAL);
        assertThat(PptpStateCodec.encode(CONTROL_STOPPING)).isEqualTo(CONTROL_STOPPING_OCTETS);
        assertThat(decode(CONTROL_STOPPING_OCTETS)).isEqualTo(CONTROL_STOPPING);
    }

    @Test
    void greChannelInitialState() {
        assertThat(PptpStateCodec.encode(GRE_INITIAL)).isEqualTo(GRE_INITIAL_OCTETS);
        assertThat(decode(GRE_INITIAL_OCTETS)).isEqualTo(GRE_INITIAL);
    }

    @Test
    void greChannelEssentialState() {
        assertThat(PptpStateCodec.encode(GRE_ESSENTIAL)).isEqualTo(GRE_ESSENTIAL_OCTETS);
        assertThat(decode(GRE_ESSENTIAL_OCTETS)).isEqualTo(GRE_ESSENTIAL);
        assertThat(PptpStateCodec.encode(GRE_FRESH)).isEqualTo(GRE_FRESH_OCTETS);
        assertThat(decode(GRE_FRESH_OCTETS)).isEqualTo(GRE_FRESH);
    }

    @Test
    void typedDecodeChecksTheKind() {
        assertThat(PptpStateCodec.decode(ByteBuffer.wrap(CALL_OCTETS), PptpCall.class))
                .isEqualTo(new DecodeResult.Decoded<>(CALL));
        assertThat(errorOf(PptpStateCodec.decode(ByteBuffer.wrap(CALL_OCTETS), GreChannelInitialState.class)))
                .isEqualTo(PptpStateDecodeError.UNEXPECTED_KIND);
        assertThat(errorOf(PptpStateCodec.decode(ByteBuffer.wrap(hex("01")), PptpCall.class)))
                .isEqualTo(PptpStateDecodeError.TRUNCATED);
    }

    @Test
    void typedErrors() {
        assertThat(errorOf("")).isEqualTo(PptpStateDecodeError.TRUNCATED);
        assertThat(errorOf("02 02")).isEqualTo(PptpStateDecodeError.UNSUPPORTED_VERSION);
        assertThat(errorOf("01 00")).isEqualTo(PptpStateDecodeError.UNKNOWN_KIND);
        assertThat(errorOf("01 06")).isEqualTo(PptpStateDecodeError.UNKNOWN_KIND);
        assertThat(errorOf(HexFormat.of().formatHex(CALL_OCTETS) + "00")).isEqualTo(PptpStateDecodeError.TRAILING_OCTETS);
        assertThat(errorOf("01 03 03 00000000 00 00000000")).as("state code 3").isEqualTo(PptpStateDecodeError.BAD_VALUE);
        assertThat(errorOf("01 03 01 00000000 02 00000000")).as("flag 2").isEqualTo(PptpStateDecodeError.BAD_VALUE);
        assertThat(errorOf("01 03 01 00000000 01 00000000")).as("outstanding Echo 0")
                .isEqualTo(PptpStateDecodeError.INCONSISTENT);
        assertThat(errorOf("01 03 02 00000000 00 00000001 0001 00 00")).as("stopping with a call")
                .isEqualTo(PptpStateDecodeError.INCONSISTENT);
        assertThat(errorOf("01 03 01 00000000 00 00000002 0001 00 00 0001 00 00")).as("Call ID twice")
                .isEqualTo(PptpStateDecodeError.INCONSISTENT);
        assertThat(errorOf("01 03 01 00000000 00 00010001")).as("more calls than Call IDs")
                .isEqualTo(PptpStateDecodeError.BAD_VALUE);
        assertThat(errorOf("01 03 01 00000000 00 FFFFFFFF 0001 00 00")).as("count beyond the octets")
                .isEqualTo(PptpStateDecodeError.BAD_VALUE);
        assertThat(errorOf("01 04 ABCD 0000 0000000000000000 00000000 0000")).as("our window 0")
                .isEqualTo(PptpStateDecodeError.BAD_VALUE);
        assertThat(errorOf("01 04 ABCD 0000 8000000000000000 00000000 0010")).as("2^63 s")
                .isEqualTo(PptpStateDecodeError.BAD_VALUE);
        assertThat(errorOf("01 04 ABCD 0000 0000000000000000 3B9ACA00 0010")).as("10^9 ns")
                .isEqualTo(PptpStateDecodeError.BAD_VALUE);
        assertThat(errorOf("01 05 00000000 00 0401 0000000000000000 00000000 0000000000000000 00000000"))
                .as("transmit window 1025").isEqualTo(PptpStateDecodeError.BAD_VALUE);
        assertThat(errorOf("01 01 0100 00000001 00000001 0000 0000 0002 C3A9 0000")).as("é decodes")
                .isNull();
        assertThat(errorOf("01 01 0100 00000001 00000001 0000 0000 0001 C3 0000")).as("cut UTF-8")
                .isEqualTo(PptpStateDecodeError.BAD_TEXT);
        assertThat(errorOf("01 01 0100 00000001 00000001 0000 0000 0002 C480 0000")).as("Ā is not Latin-1")
                .isEqualTo(PptpStateDecodeError.BAD_TEXT);
        assertThat(errorOf("01 01 0100 00000001 00000001 0000 0000 0001 00 0000")).as("NUL")
                .isEqualTo(PptpStateDecodeError.BAD_TEXT);
        assertThat(errorOf("01 01 0100 00000001 00000001 0000 0000 0041 " + "61".repeat(65) + " 0000"))
                .as("65 characters").isEqualTo(PptpStateDecodeError.BAD_TEXT);
    }

    @Test
    void anOutOfRangeCallIsAProgrammingError() {
        assertThatThrownBy(() -> PptpStateCodec.encode(new PptpCall(0x1_0000, 0, 0, Duration.ZERO, 0, 0, 0)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("callId");
        assertThatThrownBy(() -> PptpStateCodec.encode(new PptpCall(0, 0, 0, Duration.ofMillis(-1), 0, 0, 0)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("peerProcessingDelay");
    }

    /**
     * A steady-state session: one control connection from a Windows client carrying one call that
     * has had its Set-Link-Info and a WAN-Error-Notify, and that call's GRE channel mid-stream.
     */
    @Test
    void aSteadyStateSessionIsWellUnderOneKibibyte() {
        ControlConnectionInitialState controlInitial = new ControlConnectionInitialState(
                new ControlMessage.StartControlConnectionRequest(0x0100, 1, 1, 0, 0x0A28, "DESKTOP-7QK2M4B",
                        "Microsoft Windows NT"));
        PptpCall call = new PptpCall(0x5A17, 0x8001, 64, PptpCall.processingDelay(0), 64, 1, 100_000_000);
        ControlConnectionEssentialState controlEssential = new ControlConnectionEssentialState(ControlState.ESTABLISHED,
                42, false, List.of(new PptpCallEssentialState(0x5A17,
                        Optional.of(new ControlMessage.SetLinkInfo(0x5A17, 0xFFFF_FFFFL, 0xFFFF_FFFFL)),
                        Optional.of(new ControlMessage.WanErrorNotify(0x8001, 0, 0, 0, 0, 0, 0)))));
        GreChannelInitialState greInitial = new GreChannelInitialState(0x8001, 64, Duration.ZERO, 64);
        GreChannelEssentialState greEssential = new GreChannelEssentialState(
                new GreSequenceState(1_234_567, OptionalLong.of(987_654)), 64, Duration.ofNanos(12_345_678),
                Duration.ofNanos(2_345_678));

        int initial = PptpStateCodec.encode(controlInitial).length + PptpStateCodec.encode(call).length
                + PptpStateCodec.encode(greInitial).length;
        int essential = PptpStateCodec.encode(controlEssential).length + PptpStateCodec.encode(greEssential).length;
        System.out.printf("PPTP session state on the wire: initial %d octets (control %d, call %d, GRE %d), "
                        + "essential %d octets (control with one call %d, GRE %d), total %d%n",
                initial, PptpStateCodec.encode(controlInitial).length, PptpStateCodec.encode(call).length,
                PptpStateCodec.encode(greInitial).length, essential, PptpStateCodec.encode(controlEssential).length,
                PptpStateCodec.encode(greEssential).length, initial + essential);

        assertThat(essential).isLessThanOrEqualTo(1024);
        assertThat(initial + essential).isLessThanOrEqualTo(1024);
    }

    private static Record decode(byte[] octets) {
        return switch (PptpStateCodec.decode(ByteBuffer.wrap(octets))) {
            case DecodeResult.Decoded<Record, PptpStateDecodeError>(Record value) -> value;
            case DecodeResult.Malformed<Record, PptpStateDecodeError> m -> throw new AssertionError(m);
        };
    }

    private static PptpStateDecodeError errorOf(String hex) {
        return errorOf(PptpStateCodec.decode(ByteBuffer.wrap(hex(hex))));
    }

    private static PptpStateDecodeError errorOf(DecodeResult<?, PptpStateDecodeError> result) {
        return result instanceof DecodeResult.Malformed<?, PptpStateDecodeError> m ? m.error() : null;
    }

    /** Hexadecimal octets: the first word of each line that is hex; the rest of the line is a comment. */
    static byte[] hex(String text) {
        StringBuilder digits = new StringBuilder();
        for (String line : text.lines().toList()) {
            for (String word : line.trim().split("\\s+")) {
                if (!word.matches("[0-9A-Fa-f]+") || word.length() % 2 != 0) {
                    break;
                }
                digits.append(word);
            }
        }
        return HexFormat.of().parseHex(digits.toString());
    }
}
