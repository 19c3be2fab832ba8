package io.cohort.replication.transport;

import static org.assertj.core.api.Assertions.assertThat;

import io.cohort.cluster.unit.WorkUnit;
import io.cohort.replication.StateKey;
import io.cohort.replication.wire.FrameFault;
import io.cohort.replication.wire.ReplicationFrame;
import io.cohort.replication.wire.ReplicationFrameCodec;
import io.cohort.telemetry.Counters;
import io.cohort.testsupport.FailingCaseReport;
import io.cohort.testsupport.SeededCases;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

@ExtendWith(FailingCaseReport.class)
class FrameDecoderTest {
    private final Counters counters = new Counters();
    private final List<FrameFault> faults = new ArrayList<>();

    private EmbeddedChannel channel() {
        return new EmbeddedChannel(new FrameDecoder(counters.counter("rx.frames"), counters.counter("rx.bytes"),
                (ctx, fault, detail) -> faults.add(fault)));
    }

    static Stream<Arguments> streams() {
        return SeededCases.of(300, random -> {
            ByteArrayOutputStream stream = new ByteArrayOutputStream();
            List<ReplicationFrame> frames = new ArrayList<>();
            int count = random.intBetween(1, 20);
            for (int i = 0; i < count; i++) {
                ReplicationFrame frame = new ReplicationFrame.Put(WorkUnit.of(random.intBetween(0, 1023)),
                        new StateKey(random.intBetween(0, 0xffff), random.anyLong()), random.longBetween(0, 1L << 50),
                        random.bytes(0, 300));
                frames.add(frame);
                stream.writeBytes(ReplicationFrameCodec.encode(frame));
            }
            return Arguments.of(stream.toByteArray(), frames, random.intBetween(1, 100));
        });
    }

    static Stream<Arguments> junk() {
        return SeededCases.of(1000, random -> Arguments.of(random.bytes(0, 200), random.intBetween(1, 50)));
    }

    @ParameterizedTest
    @MethodSource("streams")
    void framesCutAnywhereComeOutWhole(byte[] stream, List<ReplicationFrame> frames, int chunk) {
        EmbeddedChannel channel = channel();
        for (int at = 0; at < stream.length; at += chunk) {
            channel.writeInbound(Unpooled.wrappedBuffer(stream, at, Math.min(chunk, stream.length - at)));
        }

        List<Object> decoded = new ArrayList<>();
        for (Object frame = channel.readInbound(); frame != null; frame = channel.readInbound()) {
            decoded.add(frame);
        }
        assertThat(decoded).isEqualTo(frames);
        assertThat(counters.get("rx.bytes")).isEqualTo(stream.length);
        assertThat(faults).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("junk")
    void junkNeverThrowsAndAMalformedFrameClosesTheConnection(byte[] junk, int chunk) {
        EmbeddedChannel channel = channel();
        for (int at = 0; at < junk.length && channel.isOpen(); at += chunk) {
            channel.writeInbound(Unpooled.wrappedBuffer(junk, at, Math.min(chunk, junk.length - at)));
        }
        channel.checkException();

        assertThat(channel.isOpen()).isEqualTo(faults.isEmpty());
        assertThat(faults).hasSizeLessThanOrEqualTo(1);
    }

    @Test
    void aLengthFieldOverTheLimitClosesAtOnce() {
        EmbeddedChannel channel = channel();

        channel.writeInbound(Unpooled.wrappedBuffer(new byte[] {(byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff}));

        assertThat(faults).containsExactly(FrameFault.BAD_LENGTH);
        assertThat(channel.isOpen()).isFalse();
    }
}
