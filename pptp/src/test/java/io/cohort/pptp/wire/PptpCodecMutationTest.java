package io.cohort.pptp.wire;

import static org.assertj.core.api.Assertions.assertThat;

import io.cohort.testsupport.FailingCaseReport;
import io.cohort.testsupport.SeededCases;
import io.cohort.wire.DecodeResult;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Mutation fuzzing of {@link PptpCodec#decode} and {@link ControlStreamFramer}: damaged golden
 * messages and random octets never make them throw, and whatever decodes re-encodes to a message
 * that decodes to itself. A seeded loop gives the same cases every run; the seeded properties add
 * fresh ones (a failure prints its seed).
 */
@ExtendWith(FailingCaseReport.class)
class PptpCodecMutationTest {
    private static final List<byte[]> GOLDEN = GoldenBytes.all("wire");

    @Test
    void oneHundredThousandSeededMutations() {
        Random random = new Random(2637);
        Map<DecodeError, Integer> errors = new EnumMap<>(DecodeError.class);
        int decoded = 0;
        for (int i = 0; i < 100_000; i++) {
            var r = checkedDecode(mutate(GOLDEN.get(i % GOLDEN.size()), random));
            if (r instanceof DecodeResult.Malformed<ControlMessage, DecodeError> m) {
                errors.merge(m.error(), 1, Integer::sum);
            } else {
                decoded++;
            }
        }
        assertThat(decoded).isGreaterThan(10_000);
        assertThat(errors).containsKeys(DecodeError.values());
    }

    @Test
    void randomOctetsThroughTheFramerInRandomChunks() {
        Random random = new Random(1723);
        for (int i = 0; i < 20_000; i++) {
            byte[] stream = new byte[random.nextInt(600)];
            random.nextBytes(stream);
            if (random.nextBoolean() && stream.length >= 8) {
                System.arraycopy(GOLDEN.get(random.nextInt(GOLDEN.size())), 0, stream, 0, 8);
            }
            ControlStreamFramer framer = new ControlStreamFramer();
            int at = 0;
            while (at < stream.length) {
                int n = 1 + random.nextInt(stream.length - at);
                framer.feed(ByteBuffer.wrap(stream, at, n));
                at += n;
                assertThat(framer.buffered()).isBetween(0, ControlMessageType.MAX_LENGTH);
            }
        }
    }

    static Stream<Arguments> goldenAndMutationSeed() {
        return SeededCases.of(3_000, r -> Arguments.of(r.oneOf(GOLDEN), r.anyLong()));
    }

    @ParameterizedTest
    @MethodSource("goldenAndMutationSeed")
    void mutatedGoldenMessagesDecodeToAWellFormedResult(byte[] golden, long seed) {
        checkedDecode(mutate(golden, new Random(seed)));
    }

    static Stream<Arguments> randomOctets() {
        return SeededCases.of(3_000, r -> Arguments.of(r.bytes(0, 300)));
    }

    @ParameterizedTest
    @MethodSource("randomOctets")
    void randomOctetsDecodeToAWellFormedResult(byte[] octets) {
        checkedDecode(octets);
    }

    /** One to three of: bit flip, random octet, truncation, random tail, header field damage. */
    static byte[] mutate(byte[] golden, Random random) {
        byte[] d = golden.clone();
        for (int round = 1 + random.nextInt(3); round > 0; round--) {
            switch (random.nextInt(6)) {
                case 0 -> d[random.nextInt(d.length)] ^= (byte) (1 << random.nextInt(8));
                case 1 -> d[random.nextInt(d.length)] = (byte) random.nextInt(256);
                case 2 -> d = Arrays.copyOf(d, random.nextInt(d.length + 1));
                case 3 -> {
                    byte[] longer = Arrays.copyOf(d, d.length + 1 + random.nextInt(32));
                    for (int i = d.length; i < longer.length; i++) {
                        longer[i] = (byte) random.nextInt(256);
                    }
                    d = longer;
                }
                case 4 -> {
                    if (d.length >= 12) { // Length, PPTP type or Control Message Type to a nearby value
                        int field = new int[] {0, 2, 8}[random.nextInt(3)];
                        int value = random.nextBoolean() ? random.nextInt(0x10000) : random.nextInt(260);
                        d[field] = (byte) (value >>> 8);
                        d[field + 1] = (byte) value;
                    }
                }
                default -> {
                    if (d.length > 12) { // a reserved-looking or text octet to a non-zero value
                        d[12 + random.nextInt(d.length - 12)] = (byte) (1 + random.nextInt(255));
                    }
                }
            }
            if (d.length == 0) {
                break;
            }
        }
        return d;
    }

    static DecodeResult<ControlMessage, DecodeError> checkedDecode(byte[] d) {
        ByteBuffer b = ByteBuffer.wrap(d);
        DecodeResult<ControlMessage, DecodeError> r;
        try {
            r = PptpCodec.decode(b);
        } catch (RuntimeException e) {
            throw new AssertionError("decode threw on " + HexFormat.of().formatHex(d), e);
        }
        assertThat(b.position()).isZero();
        switch (r) {
            case DecodeResult.Malformed<ControlMessage, DecodeError> m -> assertThat(m.detail()).isNotBlank();
            case DecodeResult.Decoded<ControlMessage, DecodeError> ok -> {
                ByteBuffer again = PptpCodec.encode(ok.value());
                assertThat(PptpCodec.decode(again)).as("round trip of %s", HexFormat.of().formatHex(d)).isEqualTo(r);
            }
        }
        return r;
    }
}
