package io.cohort.ppp.statecodec;

import static org.assertj.core.api.Assertions.assertThat;

import io.cohort.ppp.PppLinkEssentialState;
import io.cohort.ppp.PppLinkInitialState;
import io.cohort.testsupport.FailingCaseReport;
import io.cohort.testsupport.RandomValues;
import io.cohort.testsupport.SeededCases;
import io.cohort.wire.DecodeResult;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link PppLinkStateCodec} decodes exactly the record it encoded, and on any octets (random,
 * or a valid encoding with one octet changed or cut short) its decoders return without throwing:
 * a valid record, whose encoding is those very octets (the format has one encoding per record),
 * or a typed refusal.
 */
@ExtendWith(FailingCaseReport.class)
class PppLinkStateCodecPropertiesTest {

    static Stream<Arguments> initialStates() {
        return SeededCases.of(500, r -> Arguments.of(PppLinkStates.initial(r), r.intBetween(0, 8)));
    }

    static Stream<Arguments> essentialStates() {
        return SeededCases.of(500, r -> Arguments.of(PppLinkStates.essential(r), r.intBetween(0, 8)));
    }

    @ParameterizedTest
    @MethodSource("initialStates")
    void initialStateRoundTrips(PppLinkInitialState state, int prefix) {
        ByteBuffer buffer = placed(PppLinkStateCodec.encode(state), prefix);
        assertThat(PppLinkStateCodec.decodeInitial(buffer)).isEqualTo(new DecodeResult.Decoded<>(state));
        assertThat(buffer.position()).isEqualTo(prefix);
    }

    @ParameterizedTest
    @MethodSource("essentialStates")
    void essentialStateRoundTrips(PppLinkEssentialState state, int prefix) {
        ByteBuffer buffer = placed(PppLinkStateCodec.encode(state), prefix);
        assertThat(PppLinkStateCodec.decodeEssential(buffer)).isEqualTo(new DecodeResult.Decoded<>(state));
        assertThat(buffer.position()).isEqualTo(prefix);
    }

    static Stream<Arguments> junk() {
        return SeededCases.of(2000, r -> Arguments.of(junk(r)));
    }

    @ParameterizedTest
    @MethodSource("junk")
    void decodersNeverThrowAndAcceptOnlyCanonicalEncodings(byte[] octets) {
        switch (PppLinkStateCodec.decodeInitial(ByteBuffer.wrap(octets))) {
            case DecodeResult.Decoded<PppLinkInitialState, PppLinkStateDecodeError> d ->
                    assertThat(PppLinkStateCodec.encode(d.value())).isEqualTo(octets);
            case DecodeResult.Malformed<PppLinkInitialState, PppLinkStateDecodeError> m ->
                    assertThat(m.detail()).isNotBlank();
        }
        switch (PppLinkStateCodec.decodeEssential(ByteBuffer.wrap(octets))) {
            case DecodeResult.Decoded<PppLinkEssentialState, PppLinkStateDecodeError> d ->
                    assertThat(PppLinkStateCodec.encode(d.value())).isEqualTo(octets);
            case DecodeResult.Malformed<PppLinkEssentialState, PppLinkStateDecodeError> m ->
                    assertThat(m.detail()).isNotBlank();
        }
    }

    /** The fuzz cases reach every refusal and, through changed octets, records other than the encoded ones. */
    @Test
    void junkReachesEveryRefusalAndSomeRecords() {
        RandomValues r = new RandomValues(0x5EED);
        Set<PppLinkStateDecodeError> errors = EnumSet.noneOf(PppLinkStateDecodeError.class);
        int decoded = 0;
        for (int i = 0; i < 2000; i++) {
            byte[] octets = junk(r);
            for (DecodeResult<?, PppLinkStateDecodeError> result : List.of(
                    PppLinkStateCodec.decodeInitial(ByteBuffer.wrap(octets)),
                    PppLinkStateCodec.decodeEssential(ByteBuffer.wrap(octets)))) {
                switch (result) {
                    case DecodeResult.Decoded<?, PppLinkStateDecodeError> d -> decoded++;
                    case DecodeResult.Malformed<?, PppLinkStateDecodeError> m -> errors.add(m.error());
                }
            }
        }
        assertThat(errors).containsExactlyInAnyOrder(PppLinkStateDecodeError.values());
        assertThat(decoded).isGreaterThan(100);
    }

    /** Random octets, or a valid encoding of either kind with one octet changed or cut short. */
    private static byte[] junk(RandomValues r) {
        int how = r.weightedIndex(1, 2, 2, 1);
        if (how == 0) {
            byte[] random = r.bytes(0, 120);
            if (random.length >= 2 && r.bool()) {
                random[0] = (byte) PppLinkStateCodec.VERSION;
                random[1] = (byte) r.intBetween(PppLinkStateCodec.KIND_INITIAL, PppLinkStateCodec.KIND_ESSENTIAL);
            }
            return random;
        }
        byte[] valid = r.bool() ? PppLinkStateCodec.encode(PppLinkStates.initial(r))
                : PppLinkStateCodec.encode(PppLinkStates.essential(r));
        return switch (how) {
            case 1 -> {
                valid[r.intBetween(0, valid.length - 1)] = r.anyByte();
                yield valid;
            }
            case 2 -> Arrays.copyOf(valid, r.intBetween(0, valid.length - 1));
            default -> {
                byte[] longer = Arrays.copyOf(valid, valid.length + r.intBetween(1, 4));
                longer[valid.length] = r.anyByte();
                yield longer;
            }
        };
    }

    private static ByteBuffer placed(byte[] octets, int prefix) {
        ByteBuffer buffer = ByteBuffer.allocate(prefix + octets.length);
        buffer.position(prefix);
        buffer.put(octets).position(prefix);
        return buffer;
    }
}
