package io.cohort.l2tp.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.cohort.testsupport.FailingCaseReport;
import io.cohort.testsupport.SeededCases;
import io.cohort.wire.DecodeResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Mutation fuzzing of {@link L2tpCodec#decode}: every golden datagram, damaged in every way
 * {@link DatagramMutator} knows, with and without the shared secret, plus random octets. The
 * decoder must never throw and must always answer a well-formed result: a packet that re-encodes
 * to itself, or a typed error with a reason. A seeded loop gives the same 200 000 cases on every
 * run; the seeded properties add fresh ones each run (a failure prints its seed). For a longer
 * hunt: {@code -Dcohort.fuzz.iterations=20000000 -Dcohort.fuzz.seed=<any>} (see the README).
 */
@ExtendWith(FailingCaseReport.class)
class L2tpCodecMutationTest {
    /** Cases of the seeded loop, and its seed: overridable for a longer fuzzing run. */
    static final int ITERATIONS = Integer.getInteger("cohort.fuzz.iterations", 200_000);
    static final long SEED = Long.getLong("cohort.fuzz.seed", 0x2661);
    static final HidingSecret SECRET = HidingSecret.of("s3cret".getBytes(StandardCharsets.US_ASCII));
    private static final List<byte[]> GOLDEN = goldenDatagrams();

    /** Every .hex file in the golden folder: new golden files are fuzzed without a change here. */
    static List<byte[]> goldenDatagrams() {
        try (Stream<Path> files = Files.list(Path.of(GoldenBytes.class.getResource("/wire").toURI()))) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".hex")).sorted()
                    .map(GoldenBytes::load).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void seededMutationsOfTheGoldenDatagrams() {
        Random random = new Random(SEED);
        DatagramMutator mutator = new DatagramMutator(random);
        Map<DecodeError, Integer> errors = new EnumMap<>(DecodeError.class);
        int decoded = 0;
        for (int i = 0; i < ITERATIONS; i++) {
            byte[] d = mutator.mutate(GOLDEN.get(i % GOLDEN.size()));
            var r = checkedDecode(d, i % 2 == 0 ? SECRET : null);
            if (r instanceof DecodeResult.Malformed<L2tpPacket, DecodeFault> m) {
                errors.merge(m.error().kind(), 1, Integer::sum);
            } else {
                decoded++;
            }
        }
        // The mutations reach every layer: header, AVP framing, values, hiding, required AVPs.
        assertThat(decoded).isGreaterThan(ITERATIONS / 20);
        assertThat(errors).containsKeys(DecodeError.TRUNCATED, DecodeError.BAD_LENGTH, DecodeError.BAD_AVP_LENGTH,
                DecodeError.BAD_AVP_VALUE, DecodeError.UNKNOWN_MANDATORY_AVP, DecodeError.HIDDEN_AVP_WITHOUT_SECRET,
                DecodeError.BAD_HIDDEN_AVP, DecodeError.MISSING_REQUIRED_AVP, DecodeError.MISPLACED_MESSAGE_TYPE);
    }

    @Test
    void everyKindOfDamageOnItsOwn() {
        Random random = new Random(1701);
        DatagramMutator mutator = new DatagramMutator(random);
        for (DatagramMutator.Kind kind : DatagramMutator.Kind.values()) {
            for (int i = 0; i < 3_000; i++) {
                checkedDecode(mutator.mutate(GOLDEN.get(i % GOLDEN.size()), kind), i % 2 == 0 ? SECRET : null);
            }
        }
    }

    @Test
    void randomDatagrams() {
        Random random = new Random(SEED + 1);
        for (int i = 0; i < ITERATIONS / 2; i++) {
            checkedDecode(DatagramMutator.randomDatagram(random, 200), i % 2 == 0 ? SECRET : null);
        }
    }

    static Stream<Arguments> goldenAndMutationSeed() {
        return SeededCases.of(3_000, r -> Arguments.of(r.oneOf(GOLDEN), r.anyLong(), r.bool()));
    }

    @ParameterizedTest
    @MethodSource("goldenAndMutationSeed")
    void mutatedGoldenDatagramsDecodeToAWellFormedResult(byte[] golden, long seed, boolean withSecret) {
        byte[] d = new DatagramMutator(new Random(seed)).mutate(golden);

        checkedDecode(d, withSecret ? SECRET : null);
    }

    static Stream<Arguments> randomOctets() {
        return SeededCases.of(3_000, r -> Arguments.of(r.bytes(0, 400), r.bool()));
    }

    @ParameterizedTest
    @MethodSource("randomOctets")
    void randomOctetsDecodeToAWellFormedResult(byte[] datagram, boolean withSecret) {
        checkedDecode(datagram, withSecret ? SECRET : null);
    }

    /**
     * Decodes and checks that the result is well formed; fails with the datagram in hex (ready to
     * become a regression case) if the decoder throws.
     */
    static DecodeResult<L2tpPacket, DecodeFault> checkedDecode(byte[] d, HidingSecret secret) {
        ByteBuffer b = ByteBuffer.wrap(d);
        DecodeResult<L2tpPacket, DecodeFault> r;
        try {
            r = L2tpCodec.decode(b, secret);
        } catch (RuntimeException e) {
            throw new AssertionError("decode threw on " + HexFormat.of().formatHex(d) + " (secret " + (secret != null)
                    + ")", e);
        }
        assertThat(b.position()).isZero();
        assertThat(b.limit()).isEqualTo(d.length);
        switch (r) {
            case DecodeResult.Malformed<L2tpPacket, DecodeFault>(DecodeFault m, String detail) -> {
                assertThat(detail).isNotBlank();
                if (m.headerReadable()) {
                    assertThat(m.tunnelId()).isBetween(0, 0xFFFF);
                    assertThat(m.sessionId()).isBetween(0, 0xFFFF);
                }
                if (m.kind() == DecodeError.UNKNOWN_MANDATORY_AVP) {
                    assertThat(m.messageType()).isPresent();
                    assertThat(m.headerReadable()).isTrue();
                }
                m.assignedSessionId().ifPresent(id -> assertThat(id).isBetween(0, 0xFFFF));
            }
            case DecodeResult.Decoded(ControlPacket c) -> {
                assertThat(c.header().control()).isTrue();
                c.message().ifPresent(m -> {
                    assertThat(RequiredAvps.firstMissing(m)).isEmpty();
                    reencodes(c, m, secret, d);
                });
            }
            case DecodeResult.Decoded(DataPacket p) -> {
                assertThat(p.header().control()).isFalse();
                assertThat(p.payload().remaining()).isLessThanOrEqualTo(d.length);
                var again = L2tpCodec.decode(L2tpCodec.encodeData(p.header(), p.payload()), null);
                assertThat(again).isEqualTo(r);
            }
            default -> fail("unexpected result " + r);
        }
        return r;
    }

    /** A decoded message is representable: it encodes and decodes back to itself. */
    private static void reencodes(ControlPacket c, ControlMessage m, HidingSecret secret, byte[] original) {
        L2tpHeader h = c.header();
        ByteBuffer again;
        try {
            again = L2tpCodec.encodeControl(h.tunnelId(), h.sessionId(), h.ns(), h.nr(), m, secret, new SecureRandom());
        } catch (RuntimeException e) {
            throw new AssertionError("decoded but cannot re-encode " + HexFormat.of().formatHex(original), e);
        }
        assertThat(L2tpCodec.decode(again, secret)).as("round trip of %s", HexFormat.of().formatHex(original))
                .isEqualTo(new DecodeResult.Decoded<>(new ControlPacket(L2tpHeader.control(h.tunnelId(), h.sessionId(),
                        h.ns(), h.nr()), Optional.of(m))));
    }
}
