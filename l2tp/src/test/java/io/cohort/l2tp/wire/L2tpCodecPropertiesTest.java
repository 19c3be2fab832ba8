package io.cohort.l2tp.wire;

import static org.assertj.core.api.Assertions.assertThat;

import io.cohort.testsupport.FailingCaseReport;
import io.cohort.testsupport.SeededCases;
import io.cohort.wire.DecodeResult;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Round-trip and robustness properties of {@link L2tpCodec}. */
@ExtendWith(FailingCaseReport.class)
class L2tpCodecPropertiesTest {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final List<String> GOLDEN_FILES = List.of("sccrq.hex", "sccrp.hex", "scccn.hex", "stopccn.hex",
            "hello.hex", "icrq.hex", "icrp.hex", "iccn.hex", "ocrq.hex", "ocrp.hex", "occn.hex", "cdn.hex",
            "wen.hex", "sli.hex", "zlb.hex", "data-minimal.hex", "data-all-fields.hex", "iccn-hidden.hex");

    static Stream<Arguments> cleartextMessages() {
        return SeededCases.of(1000, r -> Arguments.of(RandomControlMessages.message(r, false),
                RandomControlMessages.u16(r), RandomControlMessages.u16(r), RandomControlMessages.u16(r),
                RandomControlMessages.u16(r)));
    }

    @ParameterizedTest
    @MethodSource("cleartextMessages")
    void cleartextMessagesRoundTrip(ControlMessage m, int tunnel, int session, int ns, int nr) {
        ByteBuffer bytes = L2tpCodec.encodeControl(tunnel, session, ns, nr, m, null, null);

        assertThat(L2tpCodec.decode(bytes, null)).isEqualTo(new DecodeResult.Decoded<>(
                new ControlPacket(L2tpHeader.control(tunnel, session, ns, nr), Optional.of(m))));
    }

    static Stream<Arguments> hidingMessagesAndSecrets() {
        return SeededCases.of(1000, r -> Arguments.of(RandomControlMessages.message(r, true),
                RandomControlMessages.octets(r, 0, 40)));
    }

    @ParameterizedTest
    @MethodSource("hidingMessagesAndSecrets")
    void hiddenMessagesRoundTripWithRandomSecrets(ControlMessage m, byte[] secret) {
        HidingSecret s = HidingSecret.of(secret);
        ByteBuffer bytes = L2tpCodec.encodeControl(1, 2, 3, 4, m, s, RANDOM);

        assertThat(L2tpCodec.decode(bytes, s)).isEqualTo(new DecodeResult.Decoded<>(
                new ControlPacket(L2tpHeader.control(1, 2, 3, 4), Optional.of(m))));
    }

    static Stream<Arguments> dataPackets() {
        return SeededCases.of(1000, r -> Arguments.of(r.bytes(0, 200), r.bool(), r.bool(), r.bool(), r.bool(),
                r.intBetween(0, 8), r.intBetween(0, 0xFFFF)));
    }

    @ParameterizedTest
    @MethodSource("dataPackets")
    void dataPacketsRoundTrip(byte[] frame, boolean sequence, boolean length, boolean priority, boolean offset,
            int pad, int ns) {
        L2tpHeader h = new L2tpHeader(false, length, sequence, offset, priority, 2, 7, 9,
                sequence ? ns : 0, 0, offset ? pad : 0);

        var r = L2tpCodec.decode(L2tpCodec.encodeData(h, ByteBuffer.wrap(frame)), null);

        assertThat(r).isEqualTo(new DecodeResult.Decoded<>(new DataPacket(h, ByteBuffer.wrap(frame))));
    }

    static Stream<Arguments> octetsWithOrWithoutSecret() {
        return SeededCases.of(1000, r -> Arguments.of(r.bytes(0, 300), r.bool()));
    }

    @ParameterizedTest
    @MethodSource("octetsWithOrWithoutSecret")
    void randomBytesNeverThrow(byte[] datagram, boolean withSecret) {
        var r = L2tpCodec.decode(ByteBuffer.wrap(datagram), withSecret ? HidingSecret.of(new byte[] {1}) : null);

        assertThat(r).isNotNull();
    }

    @ParameterizedTest
    @MethodSource("octetsWithOrWithoutSecret")
    void randomControlBodiesNeverThrow(byte[] body, boolean withSecret) {
        ByteBuffer d = ByteBuffer.allocate(20 + body.length);
        d.put(GoldenBytes.hex("c8 02")).putShort((short) d.capacity()).putInt(0x00010002).putInt(0)
                .put(GoldenBytes.hex("80 08 00 00 00 00 00 06")).put(body).flip();

        var r = L2tpCodec.decode(d, withSecret ? HidingSecret.of(new byte[] {1}) : null);

        assertThat(r).isNotNull();
    }

    static Stream<Arguments> goldenMutations() {
        return SeededCases.of(1000, r -> Arguments.of(r.oneOf(GOLDEN_FILES),
                r.listOf(1, 6, s -> s.intBetween(0, 10_000)), r.anyByte(), r.intBetween(0, 8)));
    }

    @ParameterizedTest
    @MethodSource("goldenMutations")
    void mutatedGoldenDatagramsNeverThrow(String file, List<Integer> positions, byte value, int cut) {
        byte[] d = GoldenBytes.load(file);
        for (int p : positions) {
            d[p % d.length] ^= (byte) (value | 1);
        }
        ByteBuffer b = ByteBuffer.wrap(d, 0, Math.max(0, d.length - cut));

        var r = L2tpCodec.decode(b, HidingSecret.of("s3cret".getBytes(StandardCharsets.US_ASCII)));

        assertThat(r).isNotNull();
    }
}
