package io.cohort.dataplane.tcprepair;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cohort.wire.DecodeResult;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class TcpConnectionStateCodecTest {
    private static final TcpConnectionInitialState INITIAL = new TcpConnectionInitialState(
            new InetSocketAddress("192.0.2.1", 1723), new InetSocketAddress("198.51.100.7", 49152), 1460, true, 7, 7,
            true, true);
    private static final TcpRepairWindow WINDOW = new TcpRepairWindow(0x01020304, 64240, 65535, 65483, 0x0A0B0C0D);
    /** A PPTP Echo-Request (RFC 2637 section 2.16) the peer has not acknowledged yet. */
    private static final byte[] ECHO_REQUEST = HexFormat.of().parseHex("00100001" + "1a2b3c4d" + "0005" + "0000" + "0000002a");
    private static final TcpConnectionEssentialState ESSENTIAL = new TcpConnectionEssentialState(0x11223344, 0xFFFF_FFF0,
            WINDOW, 0x00ABCDEF, ECHO_REQUEST, new byte[0]);
    private static final TcpConnectionEssentialState QUIET = new TcpConnectionEssentialState(0x11223344, 0xFFFF_FFF0,
            WINDOW, 0x00ABCDEF, new byte[0], new byte[0]);

    private static final String INITIAL_BODY = ""
            + "c0000201" // local address 192.0.2.1
            + "06bb" // local port 1723 (PPTP, RFC 2637 section 1.3)
            + "c6336407" // remote address 198.51.100.7
            + "c000" // remote port 49152
            + "05b4" // MSS 1460
            + "07" // flags: timestamps, SACK, window scaling
            + "07" // send shift 7
            + "07"; // receive shift 7
    private static final String WINDOW_BODY = ""
            + "01020304" // SND.WL1
            + "0000faf0" // SND.WND 64240
            + "0000ffff" // max_window 65535
            + "0000ffcb" // RCV.WND 65483
            + "0a0b0c0d"; // rcv_wup
    private static final String QUIET_ESSENTIAL_BODY = ""
            + "11223344" // send sequence
            + "fffffff0" // receive sequence
            + WINDOW_BODY
            + "00abcdef" // timestamp clock
            + "0000" // no unacknowledged octets
            + "0000"; // no unread octets

    static Stream<Arguments> goldens() {
        return Stream.of(
                Arguments.of("initial", INITIAL, "01" // version 1
                        + "01" // kind 1, initial
                        + INITIAL_BODY),
                Arguments.of("window", WINDOW, "01" // version 1
                        + "03" // kind 3, window
                        + WINDOW_BODY),
                Arguments.of("essential", ESSENTIAL, "01" // version 1
                        + "02" // kind 2, essential
                        + "11223344" // send sequence
                        + "fffffff0" // receive sequence
                        + WINDOW_BODY
                        + "00abcdef" // timestamp clock
                        + "0010" // 16 unacknowledged octets
                        + "00100001" + "1a2b3c4d" + "00050000" + "0000002a" // the Echo-Request
                        + "0000"), // no unread octets
                Arguments.of("connection", new TcpConnectionState(INITIAL, QUIET), "01" // version 1
                        + "04" // kind 4, connection
                        + INITIAL_BODY
                        + QUIET_ESSENTIAL_BODY));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("goldens")
    void encodesToTheGoldenOctets(String kind, Record state, String octets) {
        assertThat(HexFormat.of().formatHex(encode(state))).isEqualTo(octets);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("goldens")
    void decodesTheGoldenOctets(String kind, Record state, String octets) {
        ByteBuffer buffer = ByteBuffer.wrap(HexFormat.of().parseHex(octets));

        assertThat(decoderOf(state).apply(buffer)).isEqualTo(new DecodeResult.Decoded<>(state));
        assertThat(buffer.position()).isZero();
    }

    static Stream<Arguments> malformed() {
        return Stream.of(
                Arguments.of("empty", (UnaryOperator<byte[]>) d -> new byte[0], TcpStateDecodeError.TRUNCATED),
                Arguments.of("header only", cut(2), TcpStateDecodeError.TRUNCATED),
                Arguments.of("initial body cut", cut(18), TcpStateDecodeError.TRUNCATED),
                Arguments.of("window cut", cut(40), TcpStateDecodeError.TRUNCATED),
                Arguments.of("unread length cut", cut(54), TcpStateDecodeError.TRUNCATED),
                Arguments.of("unread length 1, no octet", set(54, 0x01), TcpStateDecodeError.TRUNCATED),
                Arguments.of("unacknowledged length 3, no octets", set(52, 0x03), TcpStateDecodeError.TRUNCATED),
                Arguments.of("version 0", set(0, 0x00), TcpStateDecodeError.UNSUPPORTED_VERSION),
                Arguments.of("version 2", set(0, 0x02), TcpStateDecodeError.UNSUPPORTED_VERSION),
                Arguments.of("kind 0", set(1, 0x00), TcpStateDecodeError.UNKNOWN_KIND),
                Arguments.of("kind 5", set(1, 0x05), TcpStateDecodeError.UNKNOWN_KIND),
                Arguments.of("kind 2 (essential)", set(1, 0x02), TcpStateDecodeError.UNEXPECTED_KIND),
                Arguments.of("flag 0x08", set(16, 0x0F), TcpStateDecodeError.RESERVED_FLAGS),
                Arguments.of("flag 0x80", set(16, 0x87), TcpStateDecodeError.RESERVED_FLAGS),
                Arguments.of("MSS 0", set(set(14, 0x00), 15, 0x00), TcpStateDecodeError.ZERO_MAXIMUM_SEGMENT_SIZE),
                Arguments.of("send shift 15", set(17, 15), TcpStateDecodeError.WINDOW_SHIFT_OUT_OF_RANGE),
                Arguments.of("receive shift 255", set(18, 0xFF), TcpStateDecodeError.WINDOW_SHIFT_OUT_OF_RANGE),
                Arguments.of("shifts without W", set(16, 0x06), TcpStateDecodeError.WINDOW_SHIFT_WITHOUT_SCALING),
                Arguments.of("max_window below SND.WND", set(37, 0x00), TcpStateDecodeError.MAX_WINDOW_BELOW_SEND_WINDOW),
                Arguments.of("one octet more", (UnaryOperator<byte[]>) d -> Arrays.copyOf(d, d.length + 1), TcpStateDecodeError.TRAILING_OCTETS));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformed")
    void refusesWhatTheFormatForbids(String what, UnaryOperator<byte[]> edit, TcpStateDecodeError expected) {
        byte[] octets = edit.apply(TcpConnectionStateCodec.encode(new TcpConnectionState(INITIAL, QUIET)));

        assertThat(TcpConnectionStateCodec.decodeConnection(ByteBuffer.wrap(octets)))
                .isInstanceOfSatisfying(DecodeResult.Malformed.class, m -> assertThat(m.error()).isEqualTo(expected));
    }

    @Test
    void decodesFromTheBuffersPositionToItsLimit() {
        byte[] record = TcpConnectionStateCodec.encode(ESSENTIAL);
        byte[] framed = new byte[record.length + 5];
        System.arraycopy(record, 0, framed, 3, record.length);

        assertThat(TcpConnectionStateCodec.decodeEssential(ByteBuffer.wrap(framed, 3, record.length)))
                .isEqualTo(new DecodeResult.Decoded<>(ESSENTIAL));
    }

    @Test
    void carriesQueuesUpToTheLengthFieldsLimitAndRefusesLonger() {
        TcpConnectionEssentialState full = new TcpConnectionEssentialState(1, 2, WINDOW, 3, new byte[0xFFFF],
                new byte[0xFFFF]);
        TcpConnectionEssentialState over = new TcpConnectionEssentialState(1, 2, WINDOW, 3, new byte[0x10000],
                new byte[0]);

        assertThat(TcpConnectionStateCodec.decodeEssential(ByteBuffer.wrap(TcpConnectionStateCodec.encode(full))))
                .isEqualTo(new DecodeResult.Decoded<>(full));
        assertThat(TcpConnectionStateCodec.fits(full)).isTrue();
        assertThat(TcpConnectionStateCodec.fits(over)).isFalse();
        assertThat(TcpConnectionStateCodec.fits(new TcpConnectionEssentialState(1, 2, WINDOW, 3, new byte[0],
                new byte[0x10000]))).isFalse();
        assertThatThrownBy(() -> TcpConnectionStateCodec.encode(over)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unacknowledged queue of 65536 octets exceeds 65535");
    }

    @Test
    void neitherErrorsNorToStringShowTheQueuedOctets() {
        TcpConnectionState state = new TcpConnectionState(INITIAL, ESSENTIAL);
        byte[] octets = TcpConnectionStateCodec.encode(state);
        String queued = HexFormat.of().formatHex(ECHO_REQUEST).substring(8);

        assertThat(state.toString()).doesNotContain(queued).contains("unacknowledged=16 octets");
        for (int length = 0; length <= octets.length + 1; length++) {
            var result = TcpConnectionStateCodec.decodeConnection(ByteBuffer.wrap(Arrays.copyOf(octets, length)));
            assertThat(result.toString()).doesNotContain(queued).doesNotContainIgnoringCase("1a2b3c4d");
        }
    }

    @Test
    void aQuietSteadyStateConnectionIs55OctetsOnTheWire() {
        TcpConnectionState quiet = new TcpConnectionState(INITIAL, QUIET);
        TcpConnectionState echoOutstanding = new TcpConnectionState(INITIAL, ESSENTIAL);
        int quietSize = TcpConnectionStateCodec.encode(quiet).length;
        int essentialSize = TcpConnectionStateCodec.encode(QUIET).length;
        int echoSize = TcpConnectionStateCodec.encode(echoOutstanding).length;
        System.out.printf("TCP connection state: %d octets quiet (initial %d, essential %d), %d with an Echo-Request"
                + " unacknowledged%n", quietSize, TcpConnectionStateCodec.encode(INITIAL).length, essentialSize, echoSize);

        assertThat(quietSize).isEqualTo(55);
        assertThat(essentialSize).isEqualTo(38);
        assertThat(echoSize).isLessThanOrEqualTo(128);
    }

    static byte[] encode(Record state) {
        return switch (state) {
            case TcpConnectionInitialState s -> TcpConnectionStateCodec.encode(s);
            case TcpRepairWindow s -> TcpConnectionStateCodec.encode(s);
            case TcpConnectionEssentialState s -> TcpConnectionStateCodec.encode(s);
            case TcpConnectionState s -> TcpConnectionStateCodec.encode(s);
            default -> throw new IllegalArgumentException(state.getClass().getName());
        };
    }

    static Function<ByteBuffer, DecodeResult<?, TcpStateDecodeError>> decoderOf(Record state) {
        return switch (state) {
            case TcpConnectionInitialState s -> TcpConnectionStateCodec::decodeInitial;
            case TcpRepairWindow s -> TcpConnectionStateCodec::decodeWindow;
            case TcpConnectionEssentialState s -> TcpConnectionStateCodec::decodeEssential;
            case TcpConnectionState s -> TcpConnectionStateCodec::decodeConnection;
            default -> throw new IllegalArgumentException(state.getClass().getName());
        };
    }

    private static UnaryOperator<byte[]> cut(int length) {
        return d -> Arrays.copyOf(d, length);
    }

    private static UnaryOperator<byte[]> set(int index, int value) {
        return set(UnaryOperator.identity(), index, value);
    }

    private static UnaryOperator<byte[]> set(UnaryOperator<byte[]> before, int index, int value) {
        return d -> {
            byte[] copy = before.apply(d).clone();
            copy[index] = (byte) value;
            return copy;
        };
    }
}
