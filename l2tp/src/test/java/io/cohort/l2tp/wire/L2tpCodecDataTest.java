package io.cohort.l2tp.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

/** Data messages (RFC 2661 3.1): golden bytes, optional fields, and the zero-copy payload. */
class L2tpCodecDataTest {
    private static final byte[] LCP = GoldenBytes.hex("ff 03 c0 21 01 01 00 04");

    @Test
    void decodesTheMinimalGoldenDataMessage() {
        DataPacket p = decodeData(GoldenBytes.load("data-minimal.hex"));

        assertThat(p.header()).isEqualTo(new L2tpHeader(false, false, false, false, false, 2, 0x1234, 7, 0, 0, 0));
        assertThat(GoldenBytes.bytes(p.payload())).isEqualTo(LCP);
    }

    @Test
    void encodesTheMinimalGoldenDataMessage() {
        ByteBuffer out = L2tpCodec.encodeData(0x1234, 7, ByteBuffer.wrap(LCP), false, 0, 0, false, 0);

        assertThat(GoldenBytes.bytes(out)).isEqualTo(GoldenBytes.load("data-minimal.hex"));
    }

    @Test
    void decodesAndEncodesEveryOptionalField() {
        byte[] golden = GoldenBytes.load("data-all-fields.hex");
        L2tpHeader h = new L2tpHeader(false, true, true, true, true, 2, 0x1234, 7, 9, 0, 2);

        DataPacket p = decodeData(golden);

        assertThat(p.header()).isEqualTo(h);
        assertThat(GoldenBytes.bytes(p.payload())).isEqualTo(GoldenBytes.hex("ff 03 c0 21"));
        assertThat(GoldenBytes.bytes(L2tpCodec.encodeData(h, ByteBuffer.wrap(GoldenBytes.hex("ff03c021")))))
                .isEqualTo(golden);
    }

    @Test
    void positionalEncoderWritesSequenceLengthAndOffset() {
        ByteBuffer out = L2tpCodec.encodeData(0x1234, 7, ByteBuffer.wrap(GoldenBytes.hex("ff03c021")), true, 9, 0,
                true, 2);

        // Same as the golden file without the P bit.
        assertThat(GoldenBytes.bytes(out)).isEqualTo(GoldenBytes.hex("4a 02 00 14 12 34 00 07 00 09 00 00 00 02 00 00 ff 03 c0 21"));
    }

    @Test
    void payloadIsASliceOfTheDatagramNotACopy() {
        byte[] datagram = GoldenBytes.load("data-minimal.hex");

        DataPacket p = decodeData(datagram);
        datagram[6] = 0x7e;

        assertThat(p.payload().get(0)).isEqualTo((byte) 0x7e);
    }

    @Test
    void payloadEndsAtTheLengthField() {
        byte[] datagram = GoldenBytes.hex("40 02 00 0a 12 34 00 07 aa bb cc dd");

        assertThat(GoldenBytes.bytes(decodeData(datagram).payload())).isEqualTo(GoldenBytes.hex("aa bb"));
    }

    @Test
    void encoderLeavesTheFrameUntouchedAndRespectsItsPosition() {
        ByteBuffer frame = ByteBuffer.wrap(GoldenBytes.hex("00 00 ff 03"));
        frame.position(2);

        ByteBuffer out = L2tpCodec.encodeData(1, 2, frame, false, 0, 0, false, 0);

        assertThat(frame.position()).isEqualTo(2);
        assertThat(GoldenBytes.bytes(out)).isEqualTo(GoldenBytes.hex("00 02 00 01 00 02 ff 03"));
    }

    @Test
    void encodeIntoAppendsAtThePosition() {
        ByteBuffer out = ByteBuffer.allocate(32);
        out.put((byte) 0x55);

        L2tpCodec.encodeDataInto(out, new L2tpHeader(false, false, true, false, false, 2, 1, 2, 3, 4, 0),
                ByteBuffer.wrap(GoldenBytes.hex("ff03")));

        assertThat(GoldenBytes.bytes(out.flip())).isEqualTo(GoldenBytes.hex("55 08 02 00 01 00 02 00 03 00 04 ff 03"));
    }

    @Test
    void refusesToEncodeAControlHeaderAsData() {
        assertThatThrownBy(() -> L2tpCodec.encodeData(L2tpHeader.control(1, 2, 3, 4), ByteBuffer.allocate(0)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static DataPacket decodeData(byte[] datagram) {
        return (DataPacket) Decoding.packet(L2tpCodec.decode(ByteBuffer.wrap(datagram), null));
    }
}
