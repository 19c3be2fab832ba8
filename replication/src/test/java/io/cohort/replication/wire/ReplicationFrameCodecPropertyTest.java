package io.cohort.replication.wire;

import static org.assertj.core.api.Assertions.assertThat;

import io.cohort.cluster.unit.WorkUnit;
import io.cohort.replication.StateKey;
import io.cohort.testsupport.FailingCaseReport;
import io.cohort.testsupport.RandomValues;
import io.cohort.testsupport.SeededCases;
import io.cohort.wire.DecodeResult;
import java.nio.ByteBuffer;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

@ExtendWith(FailingCaseReport.class)
class ReplicationFrameCodecPropertyTest {
    static Stream<Arguments> frames() {
        return SeededCases.of(1000, random -> Arguments.of(frame(random)));
    }

    static Stream<Arguments> junk() {
        return SeededCases.of(3000, random -> Arguments.of(random.bytes(0, 64)));
    }

    static Stream<Arguments> damagedFrames() {
        return SeededCases.of(2000, random -> {
            byte[] frame = ReplicationFrameCodec.encode(frame(random));
            int flips = random.intBetween(1, 4);
            for (int i = 0; i < flips; i++) {
                frame[random.intBetween(0, frame.length - 1)] = random.anyByte();
            }
            return Arguments.of(frame);
        });
    }

    @ParameterizedTest
    @MethodSource("frames")
    void everyFrameDecodesToItself(ReplicationFrame frame) {
        byte[] encoded = ReplicationFrameCodec.encode(frame);

        assertThat(encoded).hasSize(ReplicationFrameCodec.encodedLength(frame));
        assertThat(ReplicationFrameCodec.decode(ByteBuffer.wrap(encoded)))
                .isEqualTo(new DecodeResult.Decoded<ReplicationFrame, FrameFault>(frame));
    }

    @ParameterizedTest
    @MethodSource("junk")
    void randomOctetsNeverThrow(byte[] junk) {
        assertThat(ReplicationFrameCodec.decode(ByteBuffer.wrap(junk))).isNotNull();
    }

    @ParameterizedTest
    @MethodSource("damagedFrames")
    void damagedFramesDecodeOrAreRefusedButNeverThrow(byte[] frame) {
        DecodeResult<ReplicationFrame, FrameFault> result = ReplicationFrameCodec.decode(ByteBuffer.wrap(frame));
        if (result instanceof DecodeResult.Decoded<ReplicationFrame, FrameFault> decoded) {
            assertThat(ReplicationFrameCodec.encode(decoded.value())).isEqualTo(frame);
        }
    }

    private static java.util.SortedSet<WorkUnit> units(RandomValues random) {
        java.util.SortedSet<WorkUnit> units = new java.util.TreeSet<>();
        for (int i = random.intBetween(0, 40); i > 0; i--) {
            units.add(WorkUnit.of(random.intBetween(0, WorkUnit.MASK)));
        }
        return units;
    }

    static ReplicationFrame frame(RandomValues random) {
        WorkUnit unit = WorkUnit.of(random.intBetween(0, WorkUnit.MASK));
        StateKey key = new StateKey(random.intBetween(0, 0xffff), random.anyLong());
        return switch (random.intBetween(0, 6)) {
            case 0 -> new ReplicationFrame.Put(unit, key, random.longBetween(0, Long.MAX_VALUE), random.bytes(0, 600));
            case 1 -> new ReplicationFrame.Remove(unit, key, random.longBetween(0, Long.MAX_VALUE));
            case 2 -> new ReplicationFrame.SnapshotBegin();
            case 3 -> new ReplicationFrame.SnapshotEnd(random.longBetween(0, 0xffff_ffffL), units(random));
            case 4 -> new ReplicationFrame.Barrier(random.anyLong());
            case 5 -> new ReplicationFrame.Outbid(unit, random.longBetween(0, Long.MAX_VALUE));
            default -> new ReplicationFrame.BarrierAck(random.anyLong());
        };
    }
}
