package io.cohort.l2tp.tunnel;

import static org.assertj.core.api.Assertions.assertThat;

import io.cohort.l2tp.control.ControlChannelEssentialState;
import io.cohort.l2tp.session.L2tpSessionDataSequence;
import io.cohort.l2tp.session.L2tpSessionEssentialState;
import io.cohort.l2tp.session.L2tpSessionInitialState;
import io.cohort.l2tp.session.SessionRole;
import io.cohort.l2tp.session.SessionState;
import io.cohort.l2tp.wire.Avp;
import io.cohort.l2tp.wire.ControlMessage;
import io.cohort.l2tp.wire.FlaggedAvp;
import io.cohort.l2tp.wire.MessageType;
import io.cohort.wire.DecodeResult;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** Golden bytes, faults and sizes of {@link L2tpStateCodec}; the layout is in its class comment. */
class L2tpStateCodecTest {

    private static byte[] hex(String... fields) {
        return HexFormat.of().parseHex(String.join("", fields).replaceAll("\\s", ""));
    }

    private static DecodeResult<Record, L2tpStateDecodeError> decode(byte[] bytes) {
        return L2tpStateCodec.decode(ByteBuffer.wrap(bytes));
    }

    private static void assertGolden(Record record, byte[] encoded, byte[] golden) {
        assertThat(HexFormat.of().formatHex(encoded)).isEqualTo(HexFormat.of().formatHex(golden));
        assertThat(decode(golden)).isEqualTo(new DecodeResult.Decoded<>(record));
    }

    static final L2tpTunnelInitialState TUNNEL_INITIAL = new L2tpTunnelInitialState(0x1234, 0x0001,
            new InetSocketAddress("192.0.2.1", 1701), TunnelRole.LNS, "lac", 8);

    @Test
    void tunnelInitialState() {
        assertGolden(TUNNEL_INITIAL, L2tpStateCodec.encode(TUNNEL_INITIAL), hex(
                "01",          // format version 1
                "01",          // kind 1: tunnel initial state
                "1234",        // local Tunnel ID
                "0001",        // peer's Assigned Tunnel ID
                "01",          // role LNS
                "04",          // address family IPv4
                "c0000201",    // 192.0.2.1
                "06a5",        // UDP port 1701
                "0008",        // peer Receive Window Size 8
                "0003 6c6163"  // Host Name "lac", 3 octets
        ));
    }

    static final ControlMessage HELLO = ControlMessage.of(MessageType.HELLO);
    static final ControlMessage CDN = new ControlMessage(MessageType.CDN, List.of(
            FlaggedAvp.of(new Avp.ResultCode(3, OptionalInt.empty(), "")),
            FlaggedAvp.hidden(new Avp.AssignedSessionId(0x42))));
    static final L2tpTunnelEssentialState TUNNEL_ESSENTIAL = new L2tpTunnelEssentialState(TunnelState.ESTABLISHED,
            new ControlChannelEssentialState<>(5, 7, List.of(new PendingControlMessage(0, HELLO)),
                    List.of(new PendingControlMessage(0x0201, CDN))),
            2, Optional.of(new Avp.Challenge(new byte[] {(byte) 0xAA, (byte) 0xBB})), OptionalLong.empty());

    @Test
    void tunnelEssentialStateWithPendingMessages() {
        assertGolden(TUNNEL_ESSENTIAL, L2tpStateCodec.encode(TUNNEL_ESSENTIAL), hex(
                "01",                 // format version 1
                "02",                 // kind 2: tunnel essential state
                "03",                 // state ESTABLISHED
                "0005",               // Ns
                "0007",               // Nr
                "00000002",           // last Call Serial Number
                "01 0002 aabb",       // Challenge present, 2 octets
                "00",                 // no Tie Breaker
                "0001",               // 1 unacknowledged message:
                "0000",               //   peer Session ID 0 (tunnel message)
                "0008",               //   8 octets of AVPs
                "8008 0000 0000 0006", //   Message Type (M, length 8) HELLO (RFC 2661 4.4.1)
                "0001",               // 1 unsent message:
                "0201",               //   peer Session ID
                "0018",               //   24 octets of AVPs
                "8008 0000 0000 000e", //   Message Type CDN
                "8008 0000 0001 0003", //   Result Code 3 (M, 4.4.2)
                "c008 0000 000e 0042"  //   Assigned Session ID 0x42, M and H (hide when sent), in the clear
        ));
    }

    @Test
    void sessionInitialState() {
        L2tpSessionInitialState s = new L2tpSessionInitialState(0x0101, 0x0202, SessionRole.LNS, 0x01020304L, false);
        assertGolden(s, L2tpStateCodec.encode(s), hex(
                "01",       // format version 1
                "03",       // kind 3: session initial state
                "0101",     // local Session ID
                "0202",     // peer's Assigned Session ID
                "01",       // role LNS
                "01020304", // Call Serial Number
                "00"        // we did not ask for sequencing
        ));
    }

    @Test
    void sessionEssentialState() {
        L2tpSessionEssentialState s = new L2tpSessionEssentialState(SessionState.ESTABLISHED, true,
                Optional.of(new Avp.CallErrors(1, 2, 3, 4, 5, 6)), Optional.of(new Avp.Accm(0xFFFFFFFF, 0)));
        assertGolden(s, L2tpStateCodec.encode(s), hex(
                "01",                // format version 1
                "04",                // kind 4: session essential state
                "03",                // state ESTABLISHED
                "01",                // data sent sequenced
                "01",                // Call Errors present (6.13):
                "00000001 00000002", //   CRC, framing errors
                "00000003 00000004", //   hardware, buffer overruns
                "00000005 00000006", //   time-out, alignment errors
                "01",                // ACCM present (6.14):
                "ffffffff 00000000"  //   send, receive ACCM
        ));
        L2tpSessionEssentialState bare = new L2tpSessionEssentialState(SessionState.WAIT_CONNECT, false,
                Optional.empty(), Optional.empty());
        assertGolden(bare, L2tpStateCodec.encode(bare), hex("01 04", "02", "00", "00", "00"));
    }

    @Test
    void sessionDataSequence() {
        L2tpSessionDataSequence s = new L2tpSessionDataSequence(0x0102, 0xFFFE);
        assertGolden(s, L2tpStateCodec.encode(s), hex(
                "01",   // format version 1
                "05",   // kind 5: session data sequence
                "0102", // next Ns
                "fffe"  // expected Ns
        ));
    }

    @Test
    void decodingReadsFromPositionToLimitWithoutMovingThem() {
        ByteBuffer b = ByteBuffer.wrap(hex("ff", "01 05 0102 fffe", "ff")).position(1).limit(7);

        assertThat(L2tpStateCodec.decode(b)).isEqualTo(new DecodeResult.Decoded<>(
                new L2tpSessionDataSequence(0x0102, 0xFFFE)));
        assertThat(b.position()).isEqualTo(1);
        assertThat(b.limit()).isEqualTo(7);
    }

    @Test
    void faultsAreTyped() {
        assertThat(error(hex(""))).isEqualTo(L2tpStateDecodeError.TRUNCATED);
        assertThat(error(hex("02 05 0102 fffe"))).isEqualTo(L2tpStateDecodeError.UNSUPPORTED_VERSION);
        assertThat(error(hex("01 09"))).isEqualTo(L2tpStateDecodeError.UNKNOWN_KIND);
        assertThat(error(hex("01 05 0102"))).isEqualTo(L2tpStateDecodeError.TRUNCATED);
        assertThat(error(hex("01 05 0102 fffe 00"))).isEqualTo(L2tpStateDecodeError.TRAILING_OCTETS);
        assertThat(error(hex("01 03 0000 0202 01 01020304 00"))).isEqualTo(L2tpStateDecodeError.OUT_OF_RANGE);
        assertThat(error(hex("01 03 0101 0202 02 01020304 00"))).isEqualTo(L2tpStateDecodeError.OUT_OF_RANGE);
        assertThat(error(hex("01 03 0101 0202 01 01020304 02"))).isEqualTo(L2tpStateDecodeError.BAD_FLAG);
        assertThat(error(hex("01 04 05 00 00 00"))).isEqualTo(L2tpStateDecodeError.OUT_OF_RANGE);
        assertThat(error(hex("01 01 1234 0001 01 05 c0000201 06a5 0008 0000")))
                .isEqualTo(L2tpStateDecodeError.OUT_OF_RANGE);
        assertThat(error(hex("01 01 1234 0001 01 04 c0000201 06a5 0008 0001 ff")))
                .isEqualTo(L2tpStateDecodeError.BAD_STRING);
        // A pending message whose first AVP is not the Message Type (RFC 2661 4.4.1).
        assertThat(error(hex("01 02 03 0005 0007 00000002 00 00 0001 0000 0008 8008 0000 0001 0003 0000")))
                .isEqualTo(L2tpStateDecodeError.BAD_CONTROL_MESSAGE);
    }

    private static L2tpStateDecodeError error(byte[] bytes) {
        return switch (decode(bytes)) {
            case DecodeResult.Malformed<Record, L2tpStateDecodeError> m -> m.error();
            case DecodeResult.Decoded<Record, L2tpStateDecodeError> d -> throw new AssertionError("decoded " + d);
        };
    }

    @Test
    void decodingAsOneTypeRejectsAnother() {
        byte[] sequence = L2tpStateCodec.encode(new L2tpSessionDataSequence(1, 2));

        assertThat(L2tpStateCodec.decode(ByteBuffer.wrap(sequence), L2tpSessionInitialState.class))
                .isInstanceOfSatisfying(DecodeResult.Malformed.class,
                        m -> assertThat(m.error()).isEqualTo(L2tpStateDecodeError.UNKNOWN_KIND));
    }

    @Test
    void neitherFaultsNorRecordsShowTheChallenge() {
        byte[] bytes = L2tpStateCodec.encode(TUNNEL_ESSENTIAL);
        byte[] truncated = java.util.Arrays.copyOf(bytes, 15);

        assertThat(decode(truncated).toString()).doesNotContainIgnoringCase("aabb").doesNotContain("-86");
        assertThat(TUNNEL_ESSENTIAL.toString()).doesNotContainIgnoringCase("aabb").doesNotContain("-86");
    }

    /**
     * The per-session target of the replicated state is 512 octets. A steady-state call: its
     * initial state, its essential state after a WEN and an SLI (the largest it gets), and its
     * data sequence.
     */
    @Test
    void aSteadyStateSessionIsWellUnderItsBudget() {
        int initial = L2tpStateCodec.encode(new L2tpSessionInitialState(0x1234, 0x4321, SessionRole.LNS,
                0x7FFF_FFFFL, true)).length;
        int essential = L2tpStateCodec.encode(new L2tpSessionEssentialState(SessionState.ESTABLISHED, true,
                Optional.of(new Avp.CallErrors(1, 2, 3, 4, 5, 6)), Optional.of(new Avp.Accm(0, -1)))).length;
        int sequence = L2tpStateCodec.encode(new L2tpSessionDataSequence(100, 200)).length;
        int tunnelInitial = L2tpStateCodec.encode(new L2tpTunnelInitialState(1, 2,
                new InetSocketAddress("2001:db8::1", 1701), TunnelRole.LNS, "lac-01.example.net", 16)).length;
        int tunnelEssential = L2tpStateCodec.encode(new L2tpTunnelEssentialState(TunnelState.ESTABLISHED,
                new ControlChannelEssentialState<>(100, 200, List.of(new PendingControlMessage(0, HELLO)),
                        List.of()), 17, Optional.empty(), OptionalLong.empty())).length;
        int session = initial + essential + sequence;
        System.out.printf("L2TP state sizes: session %d octets (initial %d + essential %d + data sequence %d);"
                + " tunnel initial %d, tunnel essential with one HELLO in flight %d%n", session, initial, essential,
                sequence, tunnelInitial, tunnelEssential);

        assertThat(session).isEqualTo(12 + 38 + 6).isLessThanOrEqualTo(512);
        assertThat(tunnelInitial + tunnelEssential).isLessThanOrEqualTo(512);
    }
}
