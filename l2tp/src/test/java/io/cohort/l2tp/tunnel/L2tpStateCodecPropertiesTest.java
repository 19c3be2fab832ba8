package io.cohort.l2tp.tunnel;

import static org.assertj.core.api.Assertions.assertThat;

import io.cohort.testsupport.FailingCaseReport;
import io.cohort.testsupport.RandomValues;
import io.cohort.testsupport.SeededCases;
import io.cohort.wire.DecodeResult;
import java.nio.ByteBuffer;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Round-trip and robustness properties of {@link L2tpStateCodec}. */
@ExtendWith(FailingCaseReport.class)
class L2tpStateCodecPropertiesTest {

    static byte[] encode(Record r) {
        return switch (r) {
            case L2tpTunnelInitialState s -> L2tpStateCodec.encode(s);
            case L2tpTunnelEssentialState s -> L2tpStateCodec.encode(s);
            case io.cohort.l2tp.session.L2tpSessionInitialState s -> L2tpStateCodec.encode(s);
            case io.cohort.l2tp.session.L2tpSessionEssentialState s -> L2tpStateCodec.encode(s);
            case io.cohort.l2tp.session.L2tpSessionDataSequence s -> L2tpStateCodec.encode(s);
            default -> throw new IllegalArgumentException(r.getClass().getName());
        };
    }

    static Stream<Arguments> records() {
        return SeededCases.of(1000, r -> Arguments.of(RandomL2tpState.any(r)));
    }

    @ParameterizedTest
    @MethodSource("records")
    void everyRecordRoundTrips(Record record) {
        byte[] bytes = encode(record);

        assertThat(L2tpStateCodec.decode(ByteBuffer.wrap(bytes))).isEqualTo(new DecodeResult.Decoded<>(record));
        assertThat(L2tpStateCodec.decode(ByteBuffer.wrap(bytes), record.getClass()))
                .isEqualTo(new DecodeResult.Decoded<>(record));
    }

    @Test
    void theGeneratorYieldsEveryKindWithMessages() {
        RandomValues r = new RandomValues(7);
        Set<Class<?>> kinds = new HashSet<>();
        boolean messages = false;
        for (int i = 0; i < 200; i++) {
            Record rec = RandomL2tpState.any(r);
            kinds.add(rec.getClass());
            messages |= rec instanceof L2tpTunnelEssentialState s && !s.control().unacknowledged().isEmpty()
                    && !s.control().unsent().isEmpty();
        }
        assertThat(kinds).hasSize(5);
        assertThat(messages).isTrue();
    }

    /** Random octets, and valid encodings with one octet changed, truncated or extended. */
    static Stream<Arguments> junk() {
        return SeededCases.of(3000, r -> {
            if (r.chance(0.2)) {
                byte[] random = r.bytes(0, 120);
                if (random.length >= 2 && r.bool()) {
                    // A valid version and kind, so that the random body reaches a record's fields.
                    random[0] = (byte) L2tpStateCodec.VERSION;
                    random[1] = (byte) r.intBetween(1, 5);
                }
                return Arguments.of((Object) random);
            }
            byte[] valid = encode(RandomL2tpState.any(r));
            byte[] out = switch (r.intBetween(0, 3)) {
                case 0 -> java.util.Arrays.copyOf(valid, r.intBetween(0, valid.length - 1));
                case 1 -> java.util.Arrays.copyOf(valid, valid.length + r.intBetween(1, 4));
                default -> {
                    byte[] m = valid.clone();
                    int i = r.intBetween(0, m.length - 1);
                    m[i] = r.chance(0.5) ? (byte) (m[i] ^ (1 << r.intBetween(0, 7))) : r.anyByte();
                    yield m;
                }
            };
            return Arguments.of((Object) out);
        });
    }

    @ParameterizedTest
    @MethodSource("junk")
    void junkNeverThrowsAndDecodesOnlyToRecordsThatReencodeAlike(byte[] junk) {
        DecodeResult<Record, L2tpStateDecodeError> result = L2tpStateCodec.decode(ByteBuffer.wrap(junk));

        assertThat(result).isNotNull();
        if (result instanceof DecodeResult.Decoded<Record, L2tpStateDecodeError> d) {
            // A decoded record is valid: it encodes, and its encoding decodes to it again.
            assertThat(L2tpStateCodec.decode(ByteBuffer.wrap(encode(d.value()))))
                    .isEqualTo(new DecodeResult.Decoded<>(d.value()));
        }
    }
}
