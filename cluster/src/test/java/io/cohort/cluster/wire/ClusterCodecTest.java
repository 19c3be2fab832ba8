package io.cohort.cluster.wire;

import static org.assertj.core.api.Assertions.assertThat;

import io.cohort.cluster.message.ClusterMessage;
import io.cohort.cluster.wire.GoldenMessages.Golden;
import io.cohort.wire.DecodeResult;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/** Golden octets of every message type, and what the decoder makes of them cut, extended and flipped. */
class ClusterCodecTest {
    static final java.util.List<Golden> GOLDEN = GoldenMessages.ALL;

    @Test
    void thereIsAGoldenMessageOfEveryType() {
        Set<MessageType> covered = GOLDEN.stream().map(g -> MessageType.of(g.message())).collect(Collectors.toSet());
        assertThat(covered).isEqualTo(EnumSet.allOf(MessageType.class));
    }

    @ParameterizedTest(name = "{0}")
    @FieldSource("GOLDEN")
    void encodesToTheGoldenOctets(Golden golden) {
        assertThat(HexFormat.of().formatHex(ClusterCodec.encode(golden.message())))
                .isEqualTo(HexFormat.of().formatHex(golden.bytes()));
    }

    @ParameterizedTest(name = "{0}")
    @FieldSource("GOLDEN")
    void decodesTheGoldenOctets(Golden golden) {
        assertThat(ClusterCodec.decode(golden.bytes())).isEqualTo(new DecodeResult.Decoded<>(golden.message()));
    }

    @ParameterizedTest(name = "{0}")
    @FieldSource("GOLDEN")
    void decodesFromTheBuffersPositionToItsLimitWithoutMovingIt(Golden golden) {
        byte[] bytes = golden.bytes();
        byte[] framed = new byte[bytes.length + 5];
        System.arraycopy(bytes, 0, framed, 3, bytes.length);
        ByteBuffer buffer = ByteBuffer.wrap(framed, 3, bytes.length).order(java.nio.ByteOrder.LITTLE_ENDIAN);

        assertThat(ClusterCodec.decode(buffer)).isEqualTo(new DecodeResult.Decoded<>(golden.message()));
        assertThat(buffer.position()).isEqualTo(3);
    }

    @ParameterizedTest(name = "{0}")
    @FieldSource("GOLDEN")
    void everyTruncationIsTruncated(Golden golden) {
        byte[] bytes = golden.bytes();
        for (int length = 0; length < bytes.length; length++) {
            var r = ClusterCodec.decode(Arrays.copyOf(bytes, length));
            assertThat(r).as("first %d octets", length).isInstanceOf(DecodeResult.Malformed.class);
            assertThat(((DecodeResult.Malformed<ClusterMessage, DecodeFault>) r).error().kind())
                    .as("first %d octets", length)
                    .isEqualTo(DecodeError.TRUNCATED);
        }
    }

    @ParameterizedTest(name = "{0}")
    @FieldSource("GOLDEN")
    void anOctetMoreIsTrailingBytes(Golden golden) {
        byte[] bytes = golden.bytes();
        var r = ClusterCodec.decode(Arrays.copyOf(bytes, bytes.length + 1));
        assertThat(r).isEqualTo(new DecodeResult.Malformed<>(new DecodeFault(DecodeError.TRAILING_BYTES, bytes.length),
                "1 octets after the message"));
    }

    /** Every single-bit flip: an error or another message that re-encodes to exactly the flipped octets. */
    @ParameterizedTest(name = "{0}")
    @FieldSource("GOLDEN")
    void everyBitFlipDecodesCanonicallyOrFails(Golden golden) {
        byte[] bytes = golden.bytes();
        for (int bit = 0; bit < bytes.length * 8; bit++) {
            byte[] flipped = bytes.clone();
            flipped[bit / 8] ^= (byte) (1 << (bit % 8));
            if (ClusterCodec.decode(flipped) instanceof DecodeResult.Decoded<ClusterMessage, DecodeFault>(ClusterMessage m)) {
                assertThat(ClusterCodec.encode(m)).as("bit %d", bit).isEqualTo(flipped);
            }
        }
    }

    @Test
    void theVersionAndTypeOctetsAreChecked() {
        byte[] joinNak = GOLDEN.get(1).bytes();
        joinNak[0] = 2;
        assertThat(ClusterCodec.decode(joinNak)).isEqualTo(new DecodeResult.Malformed<>(new DecodeFault(DecodeError.BAD_VERSION, 0),
                "version 2, expected 1"));
        for (int type : new int[] {0, 13, 0xFF}) {
            byte[] bytes = GOLDEN.get(1).bytes();
            bytes[1] = (byte) type;
            assertThat(ClusterCodec.decode(bytes)).isEqualTo(new DecodeResult.Malformed<>(new DecodeFault(DecodeError.UNKNOWN_TYPE, 1),
                    "type " + type));
        }
    }
}
