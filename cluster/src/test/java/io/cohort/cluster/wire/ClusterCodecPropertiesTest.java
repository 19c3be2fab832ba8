package io.cohort.cluster.wire;

import static org.assertj.core.api.Assertions.assertThat;

import io.cohort.cluster.message.ClusterMessage;
import io.cohort.wire.DecodeResult;
import java.util.List;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.statistics.Statistics;

/** Round trips of arbitrary valid messages; arbitrary and mutated octets never make the decoder throw. */
class ClusterCodecPropertiesTest {
    @Provide
    Arbitrary<ClusterMessage> messages() {
        return ClusterMessageArbitraries.messages();
    }

    @Property(tries = 2400)
    void everyValidMessageRoundTrips(@ForAll("messages") ClusterMessage message) {
        Statistics.label("type").collect(MessageType.of(message));
        byte[] bytes = ClusterCodec.encode(message);

        assertThat(bytes.length).isLessThanOrEqualTo(ClusterCodec.MAX_ENCODED_OCTETS);
        assertThat(ClusterCodec.decode(bytes)).isEqualTo(new DecodeResult.Decoded<>(message));
        Statistics.label("type").coverage(c -> {
            for (MessageType t : MessageType.values()) {
                c.check(t).count(n -> n > 0);
            }
        });
    }

    /** Arbitrary octets after a valid version and type: an error or a canonical message, never an exception. */
    @Property(tries = 3000)
    void arbitraryOctetsNeverThrow(@ForAll @IntRange(min = 0, max = 14) int type, @ForAll @Size(max = 200) List<Byte> body) {
        byte[] bytes = new byte[2 + body.size()];
        bytes[0] = ClusterCodec.VERSION;
        bytes[1] = (byte) type;
        for (int i = 0; i < body.size(); i++) {
            bytes[2 + i] = body.get(i);
        }
        assertCanonicalOrError(bytes);
    }

    /** Some bits of a valid message flipped: an error or a message that re-encodes to the same octets. */
    @Property(tries = 2400)
    void bitFlipsNeverThrow(@ForAll("messages") ClusterMessage message, @ForAll @Size(min = 1, max = 4) List<@IntRange(min = 0, max = Integer.MAX_VALUE) Integer> bits) {
        byte[] bytes = ClusterCodec.encode(message);
        for (int bit : bits) {
            int at = bit % (bytes.length * 8);
            bytes[at / 8] ^= (byte) (1 << (at % 8));
        }
        assertCanonicalOrError(bytes);
    }

    /** Random overwrites of octets (counts and lengths hit hard): never an exception. */
    @Property(tries = 2400)
    void overwrittenOctetsNeverThrow(@ForAll("messages") ClusterMessage message, @ForAll @IntRange(min = 0, max = Integer.MAX_VALUE) int where, @ForAll byte value) {
        byte[] bytes = ClusterCodec.encode(message);
        bytes[where % bytes.length] = value;
        assertCanonicalOrError(bytes);
    }

    private static void assertCanonicalOrError(byte[] bytes) {
        var r = ClusterCodec.decode(bytes);
        Statistics.label("result").collect(r instanceof DecodeResult.Malformed<ClusterMessage, DecodeFault> e
                ? e.error().kind() : "OK");
        if (r instanceof DecodeResult.Decoded<ClusterMessage, DecodeFault>(ClusterMessage m)) {
            assertThat(ClusterCodec.encode(m)).isEqualTo(bytes);
        } else {
            var e = (DecodeResult.Malformed<ClusterMessage, DecodeFault>) r;
            assertThat(e.error().offset()).isBetween(0, bytes.length);
        }
    }
}
