package io.cohort.pptp.gre;

import static org.assertj.core.api.Assertions.assertThat;

import io.cohort.pptp.wire.GoldenBytes;
import io.cohort.testsupport.FailingCaseReport;
import io.cohort.testsupport.RandomValues;
import io.cohort.testsupport.SeededCases;
import io.cohort.wire.DecodeResult;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.OptionalLong;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

@ExtendWith(FailingCaseReport.class)
class GreCodecTest {

    static Stream<Arguments> goldens() {
        return Stream.of(
                Arguments.of("data-with-ack.hex", new GreHeader(4, 0xBEEF, OptionalLong.of(5), OptionalLong.of(2)),
                        "00214500"),
                Arguments.of("data-no-ack.hex", new GreHeader(3, 1, OptionalLong.of(0xFFFF_FFFFL), OptionalLong.empty()),
                        "c02101"),
                Arguments.of("ack-only.hex", new GreHeader(0, 0x1234, OptionalLong.empty(), OptionalLong.of(0x01020304L)),
                        ""));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("goldens")
    void decodesTheGoldenOctets(String file, GreHeader header, String payloadHex) {
        GrePacket p = packet(GreCodec.decode(ByteBuffer.wrap(GoldenBytes.load("gre/" + file))));

        assertThat(p.header()).isEqualTo(header);
        assertThat(GoldenBytes.bytes(p.payload())).isEqualTo(HexFormat.of().parseHex(payloadHex));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("goldens")
    void encodesToTheGoldenOctets(String file, GreHeader header, String payloadHex) {
        ByteBuffer out = GreCodec.encode(header, ByteBuffer.wrap(HexFormat.of().parseHex(payloadHex)));

        assertThat(GoldenBytes.bytes(out)).isEqualTo(GoldenBytes.load("gre/" + file));
    }

    interface Edit {
        byte[] apply(byte[] d);
    }

    static Stream<Arguments> malformed() {
        return Stream.of(
                Arguments.of("7 octets", (Edit) d -> Arrays.copyOf(d, 7), GreDecodeError.TRUNCATED),
                Arguments.of("ack number cut", (Edit) d -> Arrays.copyOf(d, 14), GreDecodeError.TRUNCATED),
                Arguments.of("payload cut", (Edit) d -> Arrays.copyOf(d, 19), GreDecodeError.TRUNCATED),
                Arguments.of("version 0", (Edit) d -> xor(d, 1, 0x01), GreDecodeError.BAD_VERSION),
                Arguments.of("protocol 0x0800", (Edit) d -> set(set(d, 2, 0x08), 3, 0x00), GreDecodeError.BAD_PROTOCOL_TYPE),
                Arguments.of("K clear", (Edit) d -> xor(d, 0, 0x20), GreDecodeError.KEY_ABSENT),
                Arguments.of("C set", (Edit) d -> xor(d, 0, 0x80), GreDecodeError.FORBIDDEN_BITS),
                Arguments.of("R set", (Edit) d -> xor(d, 0, 0x40), GreDecodeError.FORBIDDEN_BITS),
                Arguments.of("s set", (Edit) d -> xor(d, 0, 0x08), GreDecodeError.FORBIDDEN_BITS),
                Arguments.of("Recur 1", (Edit) d -> xor(d, 0, 0x01), GreDecodeError.FORBIDDEN_BITS),
                Arguments.of("Flags bit 9", (Edit) d -> xor(d, 1, 0x40), GreDecodeError.FORBIDDEN_BITS),
                Arguments.of("Flags bit 12", (Edit) d -> xor(d, 1, 0x08), GreDecodeError.FORBIDDEN_BITS),
                Arguments.of("payload but S clear", (Edit) d -> xor(d, 0, 0x10), GreDecodeError.PAYLOAD_WITHOUT_SEQUENCE));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformed")
    void refusesWhatSection41Forbids(String what, Edit edit, GreDecodeError expected) {
        byte[] d = edit.apply(GoldenBytes.load("gre/data-with-ack.hex"));

        assertThat(GreCodec.decode(ByteBuffer.wrap(d))).isInstanceOfSatisfying(DecodeResult.Malformed.class,
                m -> assertThat(m.error()).isEqualTo(expected));
    }

    @Test
    void octetsAfterThePayloadArePadding() {
        byte[] padded = Arrays.copyOf(GoldenBytes.load("gre/data-with-ack.hex"), 30);

        assertThat(packet(GreCodec.decode(ByteBuffer.wrap(padded))).payload().remaining()).isEqualTo(4);
    }

    /** A sequence or acknowledgment number, absent three times in ten. */
    private static OptionalLong number(RandomValues r) {
        return r.chance(0.3) ? OptionalLong.empty() : OptionalLong.of(r.longBetween(0, 0xFFFF_FFFFL));
    }

    static Stream<Arguments> headersWithoutPayloadAndPayloads() {
        return SeededCases.of(2_000, r -> Arguments.of(new GreHeader(0, r.intBetween(0, 0xFFFF), number(r), number(r)),
                r.bytes(0, 1600)));
    }

    @ParameterizedTest
    @MethodSource("headersWithoutPayloadAndPayloads")
    void roundTrip(GreHeader shape, byte[] payload) {
        GreHeader h = shape.sequenceNumber().isPresent()
                ? new GreHeader(payload.length, shape.callId(), shape.sequenceNumber(), shape.acknowledgmentNumber())
                : shape;
        byte[] body = shape.sequenceNumber().isPresent() ? payload : new byte[0];

        ByteBuffer wire = GreCodec.encode(h, ByteBuffer.wrap(body));

        assertThat(wire.remaining()).isEqualTo(h.encodedLength() + body.length);
        GrePacket decoded = packet(GreCodec.decode(wire));
        assertThat(decoded.header()).isEqualTo(h);
        assertThat(GoldenBytes.bytes(decoded.payload())).isEqualTo(body);
    }

    @Test
    void damagedPacketsNeverMakeTheDecoderThrow() {
        Random random = new Random(4_1);
        var goldens = GoldenBytes.all("gre");
        for (int i = 0; i < 100_000; i++) {
            byte[] d = goldens.get(i % goldens.size()).clone();
            switch (random.nextInt(3)) {
                case 0 -> d[random.nextInt(d.length)] ^= (byte) (1 << random.nextInt(8));
                case 1 -> d = Arrays.copyOf(d, random.nextInt(d.length + 8));
                default -> d[random.nextInt(d.length)] = (byte) random.nextInt(256);
            }
            byte[] input = d;
            DecodeResult<GrePacket, GreDecodeError> r;
            try {
                r = GreCodec.decode(ByteBuffer.wrap(input));
            } catch (RuntimeException e) {
                throw new AssertionError("decode threw on " + HexFormat.of().formatHex(input), e);
            }
            if (r instanceof DecodeResult.Decoded<GrePacket, GreDecodeError>(GrePacket ok)) {
                ByteBuffer again = GreCodec.encode(ok.header(), ok.payload());
                assertThat(packet(GreCodec.decode(again)).header()).isEqualTo(ok.header());
            }
        }
    }

    static Stream<Arguments> randomOctets() {
        return SeededCases.of(2_000, r -> Arguments.of(r.bytes(0, 64)));
    }

    @ParameterizedTest
    @MethodSource("randomOctets")
    void randomOctetsNeverMakeTheDecoderThrow(byte[] d) {
        assertThat(GreCodec.decode(ByteBuffer.wrap(d))).isNotNull();
    }

    private static byte[] xor(byte[] d, int at, int bits) {
        d[at] ^= (byte) bits;
        return d;
    }

    private static byte[] set(byte[] d, int at, int v) {
        d[at] = (byte) v;
        return d;
    }

    /** The packet {@code r} holds; fails the test if the datagram was refused. */
    private static GrePacket packet(DecodeResult<GrePacket, GreDecodeError> r) {
        assertThat(r).isInstanceOf(DecodeResult.Decoded.class);
        return ((DecodeResult.Decoded<GrePacket, GreDecodeError>) r).value();
    }
}
