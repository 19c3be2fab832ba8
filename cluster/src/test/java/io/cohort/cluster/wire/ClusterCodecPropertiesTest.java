package io.cohort.cluster.wire;

import static org.assertj.core.api.Assertions.assertThat;

import io.cohort.cluster.message.ClusterMessage;
import io.cohort.testsupport.FailingCaseReport;
import io.cohort.testsupport.RandomValues;
import io.cohort.testsupport.SeededCases;
import io.cohort.wire.DecodeResult;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Round trips of arbitrary valid messages; arbitrary and mutated octets never make the decoder throw. */
@ExtendWith(FailingCaseReport.class)
class ClusterCodecPropertiesTest {
    static Stream<Arguments> messages() {
        return SeededCases.of(2400, r -> Arguments.of(RandomClusterMessages.message(r)));
    }

    @ParameterizedTest
    @MethodSource("messages")
    void everyValidMessageRoundTrips(ClusterMessage message) {
        byte[] bytes = ClusterCodec.encode(message);

        assertThat(bytes.length).isLessThanOrEqualTo(ClusterCodec.MAX_ENCODED_OCTETS);
        assertThat(ClusterCodec.decode(bytes)).isEqualTo(new DecodeResult.Decoded<>(message));
    }

    /** The round trips cover every type: 2400 messages from a fixed seed include each of them. */
    @Test
    void everyTypeIsGenerated() {
        RandomValues random = new RandomValues(2400);
        Set<MessageType> seen = EnumSet.noneOf(MessageType.class);
        for (int i = 0; i < 2400; i++) {
            seen.add(MessageType.of(RandomClusterMessages.message(random)));
        }

        assertThat(seen).containsExactlyInAnyOrder(MessageType.values());
    }

    static Stream<Arguments> typesAndBodies() {
        return SeededCases.of(3000, r -> Arguments.of(r.intBetween(0, 14), r.bytes(0, 200)));
    }

    /** Arbitrary octets after a valid version and type: an error or a canonical message, never an exception. */
    @ParameterizedTest
    @MethodSource("typesAndBodies")
    void arbitraryOctetsNeverThrow(int type, byte[] body) {
        byte[] bytes = new byte[2 + body.length];
        bytes[0] = ClusterCodec.VERSION;
        bytes[1] = (byte) type;
        System.arraycopy(body, 0, bytes, 2, body.length);
        assertCanonicalOrError(bytes);
    }

    static Stream<Arguments> messagesAndBits() {
        return SeededCases.of(2400, r -> Arguments.of(RandomClusterMessages.message(r),
                r.listOf(1, 4, s -> s.intBetween(0, Integer.MAX_VALUE))));
    }

    /** Some bits of a valid message flipped: an error or a message that re-encodes to the same octets. */
    @ParameterizedTest
    @MethodSource("messagesAndBits")
    void bitFlipsNeverThrow(ClusterMessage message, List<Integer> bits) {
        byte[] bytes = ClusterCodec.encode(message);
        for (int bit : bits) {
            int at = bit % (bytes.length * 8);
            bytes[at / 8] ^= (byte) (1 << (at % 8));
        }
        assertCanonicalOrError(bytes);
    }

    static Stream<Arguments> messagesAndOverwrites() {
        return SeededCases.of(2400, r -> Arguments.of(RandomClusterMessages.message(r),
                r.intBetween(0, Integer.MAX_VALUE), r.anyByte()));
    }

    /** Random overwrites of octets (counts and lengths hit hard): never an exception. */
    @ParameterizedTest
    @MethodSource("messagesAndOverwrites")
    void overwrittenOctetsNeverThrow(ClusterMessage message, int where, byte value) {
        byte[] bytes = ClusterCodec.encode(message);
        bytes[where % bytes.length] = value;
        assertCanonicalOrError(bytes);
    }

    private static void assertCanonicalOrError(byte[] bytes) {
        var r = ClusterCodec.decode(bytes);
        if (r instanceof DecodeResult.Decoded<ClusterMessage, DecodeFault>(ClusterMessage m)) {
            assertThat(ClusterCodec.encode(m)).isEqualTo(bytes);
        } else {
            var e = (DecodeResult.Malformed<ClusterMessage, DecodeFault>) r;
            assertThat(e.error().offset()).isBetween(0, bytes.length);
        }
    }
}
