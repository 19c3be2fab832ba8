package io.cohort.pptp.wire;

import static org.assertj.core.api.Assertions.assertThat;

import io.cohort.testsupport.FailingCaseReport;
import io.cohort.testsupport.RandomValues;
import io.cohort.testsupport.SeededCases;
import io.cohort.wire.DecodeResult;
import java.nio.ByteBuffer;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Round trips of every control message type over the whole range of every field. */
@ExtendWith(FailingCaseReport.class)
class PptpCodecPropertiesTest {
    static Stream<Arguments> messages() {
        return SeededCases.of(3_000, r -> Arguments.of(RandomControlMessages.anyMessage(r)));
    }

    @ParameterizedTest
    @MethodSource("messages")
    void encodeThenDecodeGivesTheMessageBack(ControlMessage m) {
        ByteBuffer wire = PptpCodec.encode(m);

        assertThat(wire.remaining()).isEqualTo(m.type().length());
        assertThat(PptpCodec.decode(wire)).isEqualTo(new DecodeResult.Decoded<>(m));
        assertThat(wire.position()).isZero();
    }

    /** The round trips above cover every type: 3000 messages from a fixed seed include each of them. */
    @Test
    void everyTypeIsGenerated() {
        RandomValues random = new RandomValues(2637);
        Set<ControlMessageType> seen = EnumSet.noneOf(ControlMessageType.class);
        for (int i = 0; i < 3_000; i++) {
            seen.add(RandomControlMessages.anyMessage(random).type());
        }

        assertThat(seen).containsExactlyInAnyOrder(ControlMessageType.values());
    }

    static Stream<Arguments> messagesAndTails() {
        return SeededCases.of(500, r -> Arguments.of(RandomControlMessages.anyMessage(r), r.bytes(0, 255)));
    }

    @ParameterizedTest
    @MethodSource("messagesAndTails")
    void trailingOctetsBelongToTheNextMessage(ControlMessage m, byte[] tail) {
        ByteBuffer wire = PptpCodec.encode(m);
        ByteBuffer longer = ByteBuffer.allocate(wire.remaining() + tail.length).put(wire).put(tail).flip();

        assertThat(PptpCodec.decode(longer)).isEqualTo(new DecodeResult.Decoded<>(m));
    }
}
