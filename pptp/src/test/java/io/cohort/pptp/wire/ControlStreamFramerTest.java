package io.cohort.pptp.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cohort.testsupport.FailingCaseReport;
import io.cohort.testsupport.SeededCases;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

@ExtendWith(FailingCaseReport.class)
class ControlStreamFramerTest {

    static Stream<Arguments> messageListsAndChunkingSeeds() {
        return SeededCases.of(1_000,
                r -> Arguments.of(r.listOf(0, 12, RandomControlMessages::anyMessage), r.anyLong()));
    }

    @ParameterizedTest
    @MethodSource("messageListsAndChunkingSeeds")
    void anyChunkingYieldsTheMessagesInOrder(List<ControlMessage> messages, long seed) {
        byte[] stream = concat(messages);
        Random random = new Random(seed);
        ControlStreamFramer framer = new ControlStreamFramer();
        List<ControlMessage> out = new ArrayList<>();
        int at = 0;
        while (at < stream.length) {
            int n = 1 + random.nextInt(Math.min(300, stream.length - at));
            ControlStreamFramer.Framed f = framer.feed(ByteBuffer.wrap(stream, at, n));
            assertThat(f.mustClose()).isFalse();
            out.addAll(f.messages());
            at += n;
        }

        assertThat(out).isEqualTo(messages);
        assertThat(framer.buffered()).isZero();
    }

    @Test
    void oneOctetAtATime() {
        byte[] stream = concat(List.of(new ControlMessage.EchoRequest(1), new ControlMessage.CallClearRequest(2)));
        ControlStreamFramer framer = new ControlStreamFramer();
        List<ControlMessage> out = new ArrayList<>();
        for (byte b : stream) {
            out.addAll(framer.feed(ByteBuffer.wrap(new byte[] {b})).messages());
        }

        assertThat(out).containsExactly(new ControlMessage.EchoRequest(1), new ControlMessage.CallClearRequest(2));
    }

    @Test
    void aBadMagicCookieIsFatalAsSoonAsTheHeaderIsIn() {
        byte[] bad = GoldenBytes.load("wire/sccrq.hex");
        bad[4] = 0;
        ControlStreamFramer framer = new ControlStreamFramer();

        ControlStreamFramer.Framed f = framer.feed(ByteBuffer.wrap(bad, 0, 8));

        assertThat(f.failure()).hasValueSatisfying(m -> assertThat(m.error()).isEqualTo(DecodeError.BAD_MAGIC_COOKIE));
    }

    @Test
    void anOutOfRangeLengthIsFatalWithoutWaitingForTheBody() {
        byte[] header = {(byte) 0xFF, (byte) 0xFF, 0, 1, 0x1A, 0x2B, 0x3C, 0x4D};
        ControlStreamFramer framer = new ControlStreamFramer();

        ControlStreamFramer.Framed f = framer.feed(ByteBuffer.wrap(header));

        assertThat(f.failure()).hasValueSatisfying(m -> assertThat(m.error()).isEqualTo(DecodeError.BAD_LENGTH));
        assertThat(framer.buffered()).isZero();
    }

    @Test
    void messagesBeforeTheFailureAreDeliveredAndTheFramerStaysFailed() {
        byte[] good = GoldenBytes.load("wire/echorq.hex");
        byte[] bad = GoldenBytes.load("wire/ccrq.hex");
        bad[15] = 1; // Reserved1
        ControlStreamFramer framer = new ControlStreamFramer();

        ControlStreamFramer.Framed f = framer.feed(ByteBuffer.wrap(concat(good, bad, good)));

        assertThat(f.messages()).containsExactly(new ControlMessage.EchoRequest(0xDEADBEEFL));
        assertThat(f.failure()).hasValueSatisfying(m -> assertThat(m.error()).isEqualTo(DecodeError.RESERVED_NOT_ZERO));
        ControlStreamFramer.Framed later = framer.feed(ByteBuffer.wrap(good));
        assertThat(later.messages()).isEmpty();
        assertThat(later.mustClose()).isTrue();
    }

    static Stream<Arguments> chunkLists() {
        return SeededCases.of(500, r -> Arguments.of(r.listOf(0, 40, s -> s.bytes(0, 80))));
    }

    @ParameterizedTest
    @MethodSource("chunkLists")
    void neverHoldsMoreThanItsCapacity(List<byte[]> chunks) {
        ControlStreamFramer framer = new ControlStreamFramer();
        for (byte[] c : chunks) {
            framer.feed(ByteBuffer.wrap(c));
            assertThat(framer.buffered()).isLessThan(ControlMessageType.MAX_LENGTH);
        }
    }

    @Test
    void capacityBelowTheLongestMessageIsRefused() {
        assertThatThrownBy(() -> new ControlStreamFramer(100)).isInstanceOf(IllegalArgumentException.class);
    }

    private static byte[] concat(List<ControlMessage> messages) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (ControlMessage m : messages) {
            out.writeBytes(GoldenBytes.bytes(PptpCodec.encode(m)));
        }
        return out.toByteArray();
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }
}
