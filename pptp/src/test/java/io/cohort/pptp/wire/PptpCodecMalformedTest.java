package io.cohort.pptp.wire;

import static org.assertj.core.api.Assertions.assertThat;

import io.cohort.wire.DecodeResult;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** One table row per way a control message is refused, each a small edit of a golden message. */
class PptpCodecMalformedTest {

    interface Edit {
        byte[] apply(byte[] d);
    }

    static Stream<Arguments> cases() {
        return Stream.of(
                row("empty", "echorq.hex", d -> new byte[0], DecodeError.TRUNCATED),
                row("header cut", "echorq.hex", d -> Arrays.copyOf(d, 7), DecodeError.TRUNCATED),
                row("body cut", "sccrq.hex", d -> Arrays.copyOf(d, 100), DecodeError.TRUNCATED),
                row("magic cookie", "echorq.hex", d -> set(d, 7, 0x4E), DecodeError.BAD_MAGIC_COOKIE),
                row("management message (type 2)", "echorq.hex", d -> set(d, 3, 2),
                        DecodeError.UNSUPPORTED_PPTP_MESSAGE_TYPE),
                row("PPTP message type 0", "echorq.hex", d -> set(d, 3, 0), DecodeError.UNSUPPORTED_PPTP_MESSAGE_TYPE),
                row("length below any message", "echorq.hex", d -> set(d, 1, 12), DecodeError.BAD_LENGTH),
                row("length above any message", "icrq.hex", d -> set(d, 1, 221), DecodeError.BAD_LENGTH),
                row("length not the type's", "echorp.hex", d -> set(Arrays.copyOf(d, 24), 1, 24),
                        DecodeError.BAD_LENGTH),
                row("control message type 0", "echorq.hex", d -> set(d, 9, 0), DecodeError.UNKNOWN_CONTROL_MESSAGE_TYPE),
                row("control message type 16", "echorq.hex", d -> set(d, 9, 16),
                        DecodeError.UNKNOWN_CONTROL_MESSAGE_TYPE),
                row("Reserved0", "echorq.hex", d -> set(d, 11, 1), DecodeError.RESERVED_NOT_ZERO),
                row("SCCRQ Reserved1", "sccrq.hex", d -> set(d, 15, 1), DecodeError.RESERVED_NOT_ZERO),
                row("StopCCRQ Reserved1", "stopccrq.hex", d -> set(d, 13, 1), DecodeError.RESERVED_NOT_ZERO),
                row("StopCCRQ Reserved2", "stopccrq.hex", d -> set(d, 15, 1), DecodeError.RESERVED_NOT_ZERO),
                row("Echo-Reply Reserved1", "echorp.hex", d -> set(d, 19, 1), DecodeError.RESERVED_NOT_ZERO),
                row("OCRQ Reserved1", "ocrq.hex", d -> set(d, 38, 0x80), DecodeError.RESERVED_NOT_ZERO),
                row("ICRP Reserved1", "icrp.hex", d -> set(d, 23, 1), DecodeError.RESERVED_NOT_ZERO),
                row("ICCN Reserved1", "iccn.hex", d -> set(d, 14, 1), DecodeError.RESERVED_NOT_ZERO),
                row("CCRQ Reserved1", "ccrq.hex", d -> set(d, 15, 1), DecodeError.RESERVED_NOT_ZERO),
                row("CDN Reserved1", "cdn.hex", d -> set(d, 18, 1), DecodeError.RESERVED_NOT_ZERO),
                row("WEN Reserved1", "wen.hex", d -> set(d, 15, 1), DecodeError.RESERVED_NOT_ZERO),
                row("SLI Reserved1", "sli.hex", d -> set(d, 14, 1), DecodeError.RESERVED_NOT_ZERO),
                row("phone number length 65", "ocrq.hex", d -> set(d, 37, 65), DecodeError.BAD_VALUE),
                row("dialing number length 0x100", "icrq.hex", d -> set(d, 26, 1), DecodeError.BAD_VALUE));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void refusesWithAReason(String what, String golden, Edit edit, DecodeError expected) {
        byte[] d = edit.apply(GoldenBytes.load("wire/" + golden));

        var r = PptpCodec.decode(ByteBuffer.wrap(d));

        assertThat(r).isInstanceOfSatisfying(DecodeResult.Malformed.class, m -> {
            assertThat(m.error()).isEqualTo(expected);
            assertThat(m.detail()).isNotBlank();
        });
    }

    @org.junit.jupiter.api.Test
    void textFieldsStopAtTheFirstNulAndReadAnyOctet() {
        byte[] d = GoldenBytes.load("wire/sccrq.hex");
        d[29] = (byte) 0xE9; // Host Name starts at 28: "local" becomes "l\u00e9cal"
        d[31] = 0;
        d[32] = 'x'; // after the first NUL: padding, ignored

        var r = PptpCodec.decode(ByteBuffer.wrap(d));

        assertThat(r).isInstanceOfSatisfying(DecodeResult.Decoded.class, ok -> assertThat(
                ((ControlMessage.StartControlConnectionRequest) ok.value()).hostName()).isEqualTo("l\u00e9c"));
    }

    @org.junit.jupiter.api.Test
    void unknownResultCodesStillDecode() {
        byte[] d = set(GoldenBytes.load("wire/ocrp.hex"), 16, 200);

        assertThat(PptpCodec.decode(ByteBuffer.wrap(d))).isInstanceOf(DecodeResult.Decoded.class);
        assertThat(OutgoingCallResult.of(200)).isEmpty();
    }

    private static Arguments row(String what, String golden, Edit edit, DecodeError expected) {
        return Arguments.of(what, golden, edit, expected);
    }

    private static byte[] set(byte[] d, int at, int value) {
        d[at] = (byte) value;
        return d;
    }
}
