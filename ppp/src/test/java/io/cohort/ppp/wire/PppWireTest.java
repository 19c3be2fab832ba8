package io.cohort.ppp.wire;

import static org.assertj.core.api.Assertions.assertThat;

import io.cohort.testsupport.FailingCaseReport;
import io.cohort.testsupport.RandomValues;
import io.cohort.testsupport.SeededCases;
import java.nio.ByteBuffer;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Golden bytes and round trips for frames, control packets and options. */
@ExtendWith(FailingCaseReport.class)
class PppWireTest {
    private static final HexFormat HEX = HexFormat.of();
    // An LCP Configure-Request as pppd sends it: MRU 1400, Magic 0x12345678, PFC, ACFC.
    private static final String LCP_CONF_REQ = "ff03c021010100120104057805061234567807020802";

    @Test
    void decodesGoldenLcpConfigureRequest() {
        var frame = ((DecodeResult.Ok<PppFrame>) PppFrameCodec.decode(ByteBuffer.wrap(HEX.parseHex(LCP_CONF_REQ)))).value();
        assertThat(frame.protocol()).isEqualTo(0xC021);
        var packet = ((DecodeResult.Ok<ControlPacket>) ControlPacket.decode(frame.payload())).value();
        assertThat(packet.knownCode()).isEqualTo(ControlCode.CONFIGURE_REQUEST);
        assertThat(packet.identifier()).isEqualTo(1);
        var options = ((DecodeResult.Ok<List<PppOption>>) PppOption.decodeAll(packet.data())).value();
        assertThat(options).containsExactly(PppOption.ofU16(1, 1400), PppOption.ofU32(5, 0x12345678L),
                PppOption.ofEmpty(7), PppOption.ofEmpty(8));
        ByteBuffer again = PppFrameCodec.encode(0xC021, packet.encode(), true, false);
        assertThat(HEX.formatHex(again.array())).isEqualTo(LCP_CONF_REQ);
    }

    @Test
    void compressedFramesAndPadding() {
        var f = ((DecodeResult.Ok<PppFrame>) PppFrameCodec.decode(ByteBuffer.wrap(HEX.parseHex("2145")))).value();
        assertThat(f.protocol()).isEqualTo(0x21);
        assertThat(f.payload().get(0)).isEqualTo((byte) 0x45);
        assertThat(HEX.formatHex(PppFrameCodec.encode(0x21, ByteBuffer.wrap(new byte[] {0x45}), false, true).array()))
                .isEqualTo("2145");
        var p = ((DecodeResult.Ok<ControlPacket>) ControlPacket.decode(ByteBuffer.wrap(HEX.parseHex("0505000400ff")))).value();
        assertThat(p.knownCode()).isEqualTo(ControlCode.TERMINATE_REQUEST);
        assertThat(p.dataLength()).isZero();
    }

    @Test
    void malformedInputIsATypedError() {
        assertThat(PppFrameCodec.decode(ByteBuffer.wrap(HEX.parseHex("c020")))).isEqualTo(
                DecodeResult.malformed(DecodeError.BAD_PROTOCOL_FIELD, "protocol low octet even"));
        assertThat(ControlPacket.decode(ByteBuffer.wrap(HEX.parseHex("010100")))).isInstanceOf(DecodeResult.Malformed.class);
        assertThat(PppOption.decodeAll(HEX.parseHex("0101"))).isInstanceOf(DecodeResult.Malformed.class);
        assertThat(PppOption.decodeAll(HEX.parseHex("0105ab"))).isInstanceOf(DecodeResult.Malformed.class);
    }

    static Stream<Arguments> anyBytes() {
        return SeededCases.of(1000, r -> Arguments.of(r.bytes(0, 255)));
    }

    @ParameterizedTest
    @MethodSource("anyBytes")
    void anyBytesDecodeWithoutThrowing(byte[] bytes) {
        DecodeResult<PppFrame> frame = PppFrameCodec.decode(ByteBuffer.wrap(bytes));
        assertThat(frame).isNotNull();
        if (frame instanceof DecodeResult.Ok<PppFrame> ok) {
            if (ControlPacket.decode(ok.value().payload()) instanceof DecodeResult.Ok<ControlPacket> p) {
                assertThat(PppOption.decodeAll(p.value().data())).isNotNull();
            }
        }
    }

    static Stream<Arguments> packets() {
        return SeededCases.of(1000, r -> Arguments.of(new ControlPacket(r.intBetween(0, 255), r.intBetween(0, 255),
                r.bytes(0, 300))));
    }

    @ParameterizedTest
    @MethodSource("packets")
    void controlPacketsRoundTrip(ControlPacket packet) {
        assertThat(ControlPacket.decode(packet.encode())).isEqualTo(DecodeResult.ok(packet));
    }

    static Stream<Arguments> optionLists() {
        return SeededCases.of(1000, r -> Arguments.of(r.listOf(0, 8, s -> new PppOption(s.intBetween(0, 255),
                s.bytes(0, 253)))));
    }

    @ParameterizedTest
    @MethodSource("optionLists")
    void optionListsRoundTrip(List<PppOption> options) {
        assertThat(PppOption.decodeAll(PppOption.encodeAll(options))).isEqualTo(DecodeResult.ok(options));
    }

    /** RFC 1661 section 2: high octet even, low octet odd. */
    static int protocol(RandomValues r) {
        return (r.intBetween(0, 0x7F) << 9) | (r.intBetween(0, 0x7F) << 1) | 1;
    }

    static Stream<Arguments> frames() {
        return SeededCases.of(1000, r -> Arguments.of(protocol(r), r.bytes(0, 255), r.bool(), r.bool()));
    }

    @ParameterizedTest
    @MethodSource("frames")
    void framesRoundTrip(int protocol, byte[] payload, boolean addressControl, boolean pfc) {
        var decoded = PppFrameCodec.decode(PppFrameCodec.encode(protocol, ByteBuffer.wrap(payload), addressControl, pfc));
        assertThat(decoded).isInstanceOfSatisfying(DecodeResult.Ok.class, ok -> {
            PppFrame f = (PppFrame) ok.value();
            assertThat(f.protocol()).isEqualTo(protocol);
            assertThat(f.payload()).isEqualTo(ByteBuffer.wrap(payload));
        });
    }
}
