package io.cohort.pptp.state;

import static org.assertj.core.api.Assertions.assertThat;

import io.cohort.pptp.control.ControlConnectionEssentialState;
import io.cohort.pptp.control.ControlConnectionInitialState;
import io.cohort.pptp.control.PptpCall;
import io.cohort.pptp.gre.GreChannelEssentialState;
import io.cohort.pptp.gre.GreChannelInitialState;
import io.cohort.testsupport.FailingCaseReport;
import io.cohort.testsupport.RandomValues;
import io.cohort.testsupport.SeededCases;
import io.cohort.wire.DecodeResult;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Seeded properties of {@link PptpStateCodec}: any valid record comes back equal, and no octets
 * make the decoder throw; what it accepts is canonical (encodes to the very octets it came from).
 */
@ExtendWith(FailingCaseReport.class)
class PptpStateCodecPropertiesTest {

    static Stream<Arguments> records() {
        return SeededCases.of(1000, r -> Arguments.of(RandomPptpStates.any(r)));
    }

    @ParameterizedTest
    @MethodSource("records")
    void anyRecordRoundTrips(Record record) {
        byte[] octets = encode(record);

        assertThat(PptpStateCodec.decode(ByteBuffer.wrap(octets))).isEqualTo(new DecodeResult.Decoded<>(record));
        assertThat(PptpStateCodec.decode(ByteBuffer.wrap(octets), record.getClass()))
                .isEqualTo(new DecodeResult.Decoded<>(record));
    }

    @Test
    void theGeneratorMakesEveryKind() {
        RandomValues r = new RandomValues(1);
        Set<PptpStateKind> kinds = EnumSet.noneOf(PptpStateKind.class);
        for (int i = 0; i < 200; i++) {
            kinds.add(PptpStateKind.of(encode(RandomPptpStates.any(r))[1]).orElseThrow());
        }
        assertThat(kinds).containsExactlyInAnyOrder(PptpStateKind.values());
    }

    /** Random octets, random bodies behind a valid header, and valid encodings mutated, truncated or extended. */
    static Stream<Arguments> junk() {
        return SeededCases.of(3000, r -> {
            byte[] valid = encode(RandomPptpStates.any(r));
            byte[] junk = switch (r.weightedIndex(1, 2, 4, 2, 1)) {
                case 0 -> r.bytes(0, 80);
                case 1 -> concat(new byte[] {1, (byte) r.intBetween(0, 6)}, r.bytes(0, 120));
                case 2 -> mutated(r, valid);
                case 3 -> Arrays.copyOf(valid, r.intBetween(0, valid.length - 1));
                default -> concat(valid, r.bytes(1, 4));
            };
            return Arguments.of((Object) junk);
        });
    }

    @ParameterizedTest
    @MethodSource("junk")
    void noOctetsMakeTheDecoderThrowAndWhatItAcceptsIsCanonical(byte[] junk) {
        ByteBuffer in = ByteBuffer.wrap(junk);

        DecodeResult<Record, PptpStateDecodeError> result = PptpStateCodec.decode(in);

        assertThat(in.position()).isZero();
        switch (result) {
            case DecodeResult.Decoded<Record, PptpStateDecodeError>(Record value) -> assertThat(encode(value)).isEqualTo(junk);
            case DecodeResult.Malformed<Record, PptpStateDecodeError>(PptpStateDecodeError error, String detail) ->
                    assertThat(detail).isNotBlank();
        }
    }

    /** The encoding as a whole is canonical, so that no two octet strings stand for one record: every single-octet change of a record is another record or malformed. */
    @ParameterizedTest
    @MethodSource("records")
    void everySingleOctetChangeIsAnotherRecordOrMalformed(Record record) {
        byte[] octets = encode(record);
        for (int at = 0; at < octets.length; at++) {
            byte[] changed = octets.clone();
            changed[at] ^= (byte) 0x80;
            assertThat(PptpStateCodec.decode(ByteBuffer.wrap(changed))).isNotEqualTo(new DecodeResult.Decoded<>(record));
        }
    }

    static byte[] encode(Record record) {
        return switch (record) {
            case ControlConnectionInitialState s -> PptpStateCodec.encode(s);
            case PptpCall s -> PptpStateCodec.encode(s);
            case ControlConnectionEssentialState s -> PptpStateCodec.encode(s);
            case GreChannelInitialState s -> PptpStateCodec.encode(s);
            case GreChannelEssentialState s -> PptpStateCodec.encode(s);
            default -> throw new IllegalArgumentException("not a PPTP state record: " + record.getClass());
        };
    }

    private static byte[] mutated(RandomValues r, byte[] valid) {
        byte[] copy = valid.clone();
        int at = r.intBetween(0, copy.length - 1);
        copy[at] = r.chance(0.5) ? (byte) (copy[at] ^ (1 << r.intBetween(0, 7))) : r.anyByte();
        return copy;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] both = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
    }
}
