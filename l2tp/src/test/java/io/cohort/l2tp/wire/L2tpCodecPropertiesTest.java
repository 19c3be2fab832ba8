package io.cohort.l2tp.wire;

import static org.assertj.core.api.Assertions.assertThat;

import io.cohort.wire.DecodeResult;
import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/** Round-trip and robustness properties of {@link L2tpCodec}. */
class L2tpCodecPropertiesTest {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final List<String> GOLDEN_FILES = List.of("sccrq.hex", "sccrp.hex", "scccn.hex", "stopccn.hex",
            "hello.hex", "icrq.hex", "icrp.hex", "iccn.hex", "ocrq.hex", "ocrp.hex", "occn.hex", "cdn.hex",
            "wen.hex", "sli.hex", "zlb.hex", "data-minimal.hex", "data-all-fields.hex", "iccn-hidden.hex");

    @Provide
    Arbitrary<ControlMessage> cleartextMessages() {
        return WireArbitraries.messages(false);
    }

    @Provide
    Arbitrary<ControlMessage> hidingMessages() {
        return WireArbitraries.messages(true);
    }

    @Provide
    Arbitrary<byte[]> secrets() {
        return WireArbitraries.octets(0, 40);
    }

    @Provide
    Arbitrary<String> goldenFiles() {
        return Arbitraries.of(GOLDEN_FILES);
    }

    @Property
    void cleartextMessagesRoundTrip(@ForAll("cleartextMessages") ControlMessage m,
            @ForAll @IntRange(max = 0xFFFF) int tunnel, @ForAll @IntRange(max = 0xFFFF) int session,
            @ForAll @IntRange(max = 0xFFFF) int ns, @ForAll @IntRange(max = 0xFFFF) int nr) {
        ByteBuffer bytes = L2tpCodec.encodeControl(tunnel, session, ns, nr, m, null, null);

        assertThat(L2tpCodec.decode(bytes, null)).isEqualTo(new DecodeResult.Decoded<>(
                new ControlPacket(L2tpHeader.control(tunnel, session, ns, nr), Optional.of(m))));
    }

    @Property
    void hiddenMessagesRoundTripWithRandomSecrets(@ForAll("hidingMessages") ControlMessage m,
            @ForAll("secrets") byte[] secret) {
        HidingSecret s = HidingSecret.of(secret);
        ByteBuffer bytes = L2tpCodec.encodeControl(1, 2, 3, 4, m, s, RANDOM);

        assertThat(L2tpCodec.decode(bytes, s)).isEqualTo(new DecodeResult.Decoded<>(
                new ControlPacket(L2tpHeader.control(1, 2, 3, 4), Optional.of(m))));
    }

    @Property
    void dataPacketsRoundTrip(@ForAll @Size(max = 200) byte[] frame, @ForAll boolean sequence,
            @ForAll boolean length, @ForAll boolean priority, @ForAll boolean offset,
            @ForAll @IntRange(max = 8) int pad, @ForAll @IntRange(max = 0xFFFF) int ns) {
        L2tpHeader h = new L2tpHeader(false, length, sequence, offset, priority, 2, 7, 9,
                sequence ? ns : 0, 0, offset ? pad : 0);

        var r = L2tpCodec.decode(L2tpCodec.encodeData(h, ByteBuffer.wrap(frame)), null);

        assertThat(r).isEqualTo(new DecodeResult.Decoded<>(new DataPacket(h, ByteBuffer.wrap(frame))));
    }

    @Property
    void randomBytesNeverThrow(@ForAll @Size(max = 300) byte[] datagram, @ForAll boolean withSecret) {
        var r = L2tpCodec.decode(ByteBuffer.wrap(datagram), withSecret ? HidingSecret.of(new byte[] {1}) : null);

        assertThat(r).isNotNull();
    }

    @Property
    void randomControlBodiesNeverThrow(@ForAll @Size(max = 300) byte[] body, @ForAll boolean withSecret) {
        ByteBuffer d = ByteBuffer.allocate(20 + body.length);
        d.put(GoldenBytes.hex("c8 02")).putShort((short) d.capacity()).putInt(0x00010002).putInt(0)
                .put(GoldenBytes.hex("80 08 00 00 00 00 00 06")).put(body).flip();

        var r = L2tpCodec.decode(d, withSecret ? HidingSecret.of(new byte[] {1}) : null);

        assertThat(r).isNotNull();
    }

    @Property
    void mutatedGoldenDatagramsNeverThrow(@ForAll("goldenFiles") String file,
            @ForAll @Size(min = 1, max = 6) List<@IntRange(max = 10_000) Integer> positions,
            @ForAll byte value, @ForAll @IntRange(max = 8) int cut) {
        byte[] d = GoldenBytes.load(file);
        for (int p : positions) {
            d[p % d.length] ^= (byte) (value | 1);
        }
        ByteBuffer b = ByteBuffer.wrap(d, 0, Math.max(0, d.length - cut));

        var r = L2tpCodec.decode(b, HidingSecret.of("s3cret".getBytes(java.nio.charset.StandardCharsets.US_ASCII)));

        assertThat(r).isNotNull();
    }
}
