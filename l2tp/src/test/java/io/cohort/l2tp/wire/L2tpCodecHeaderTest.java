package io.cohort.l2tp.wire;

import static org.assertj.core.api.Assertions.assertThat;

import io.cohort.wire.DecodeResult;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Header rules of RFC 2661 section 3.1, table-driven over hand-written datagrams. */
class L2tpCodecHeaderTest {

    private static DecodeResult<L2tpPacket, DecodeFault> decode(String hex) {
        return L2tpCodec.decode(ByteBuffer.wrap(GoldenBytes.hex(hex)), null);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "empty datagram,                    '',                                   TRUNCATED,           -1, -1",
        "one octet,                         'c8',                                 TRUNCATED,           -1, -1",
        "version 1 (L2F),                   'c8 01 00 0c 12 34 00 00 00 00 00 00', UNSUPPORTED_VERSION, -1, -1",
        "version 3,                         'c8 03 00 0c 12 34 00 00 00 00 00 00', UNSUPPORTED_VERSION, -1, -1",
        "control header cut short,          'c8 02 00 0c 12 34 00 07 00',          TRUNCATED,         4660,  7",
        "ids unreadable,                    'c8 02 00 0c 12',                      TRUNCATED,           -1, -1",
        "Length beyond datagram,            'c8 02 00 0d 12 34 00 07 00 00 00 00', TRUNCATED,         4660,  7",
        "Length shorter than header,        'c8 02 00 0b 12 34 00 07 00 00 00 00', BAD_LENGTH,        4660,  7",
        "control without L,                 '88 02 12 34 00 07 00 00 00 00',       BAD_HEADER_FLAGS,  4660,  7",
        "control without S,                 'c0 02 00 08 12 34 00 07',             BAD_HEADER_FLAGS,  4660,  7",
        "control with O,                    'ca 02 00 0e 12 34 00 07 00 00 00 00 00 00', BAD_HEADER_FLAGS, 4660, 7",
        "control with P,                    'c9 02 00 0c 12 34 00 07 00 00 00 00', BAD_HEADER_FLAGS,  4660,  7",
        "offset pad past the end,           '02 02 12 34 00 07 00 05 ff ff',       BAD_LENGTH,        4660,  7",
        "offset pad past Length,            '42 02 00 0c 12 34 00 07 00 03 ff ff ff 00', BAD_LENGTH,  4660,  7",
    })
    void rejectsMalformedHeaders(String name, String hex, DecodeError error, int tunnel, int session) {
        DecodeFault f = Decoding.fault(decode(hex));

        assertThat(f.kind()).isEqualTo(error);
        assertThat(f.tunnelId()).isEqualTo(tunnel);
        assertThat(f.sessionId()).isEqualTo(session);
        assertThat(f.headerReadable()).isEqualTo(tunnel != -1);
    }

    @Test
    void ignoresReservedHeaderBits() {
        // x bits of octet 0 (0x30, 0x04) and the upper nibble of octet 1: "ignored on incoming" (3.1).
        L2tpPacket p = Decoding.packet(decode("fc f2 00 0c 12 34 00 00 00 05 00 03"));

        assertThat(p).isEqualTo(new ControlPacket(L2tpHeader.control(0x1234, 0, 5, 3), java.util.Optional.empty()));
    }

    @Test
    void ignoresOctetsAfterTheLengthField() {
        DecodeResult<L2tpPacket, DecodeFault> r = decode("c8 02 00 0c 12 34 00 00 00 05 00 03 de ad");

        assertThat(r).isInstanceOf(DecodeResult.Decoded.class);
        assertThat(((ControlPacket) Decoding.packet(r)).isZlb()).isTrue();
    }

    @Test
    void decodesFromTheBufferPositionWithoutMovingIt() {
        ByteBuffer b = ByteBuffer.wrap(GoldenBytes.hex("ffff c8 02 00 0c 12 34 00 00 00 05 00 03"));
        b.position(2);

        assertThat(L2tpCodec.decode(b, null)).isInstanceOf(DecodeResult.Decoded.class);
        assertThat(b.position()).isEqualTo(2);
        assertThat(b.limit()).isEqualTo(14);
    }

    @Test
    void peekHeaderReadsTheHeaderOfAMessageWhoseBodyIsBroken() {
        // A control header followed by a truncated AVP.
        ByteBuffer b = ByteBuffer.wrap(GoldenBytes.hex("c8 02 00 0f 12 34 00 07 00 09 00 04 80 08 00"));

        assertThat(Decoding.fault(L2tpCodec.decode(b, null)).kind()).isEqualTo(DecodeError.BAD_AVP_LENGTH);
        assertThat(L2tpCodec.peekHeader(b)).contains(L2tpHeader.control(0x1234, 7, 9, 4));
        assertThat(L2tpCodec.peekHeader(ByteBuffer.wrap(GoldenBytes.hex("c8 01")))).isEmpty();
    }

    @Test
    void headerLengthCountsEveryOptionalField() {
        assertThat(L2tpHeader.control(1, 2, 3, 4).encodedLength()).isEqualTo(12);
        assertThat(new L2tpHeader(false, false, false, false, false, 2, 1, 2, 0, 0, 0).encodedLength()).isEqualTo(6);
        assertThat(new L2tpHeader(false, true, true, true, true, 2, 1, 2, 0, 0, 3).encodedLength()).isEqualTo(17);
    }
}
