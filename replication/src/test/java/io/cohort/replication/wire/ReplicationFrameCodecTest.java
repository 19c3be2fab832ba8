package io.cohort.replication.wire;

import static org.assertj.core.api.Assertions.assertThat;

import io.cohort.cluster.unit.WorkUnit;
import io.cohort.replication.StateKey;
import io.cohort.replication.wire.ReplicationFrame.Barrier;
import io.cohort.replication.wire.ReplicationFrame.BarrierAck;
import io.cohort.replication.wire.ReplicationFrame.Put;
import io.cohort.replication.wire.ReplicationFrame.Remove;
import io.cohort.replication.wire.ReplicationFrame.SnapshotBegin;
import io.cohort.replication.wire.ReplicationFrame.SnapshotEnd;
import io.cohort.wire.DecodeResult;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

class ReplicationFrameCodecTest {
    static Stream<Arguments> goldenFrames() {
        return Stream.of(
                Arguments.of("put-unit-5-key-1-7.hex", new Put(WorkUnit.of(5), new StateKey(1, 7), 0x0000_0196_f00d_cafeL, new byte[] {10, 11, 12})),
                Arguments.of("remove-unit-1023-key-65535-max.hex", new Remove(WorkUnit.of(1023), new StateKey(65535, -1), Long.MAX_VALUE)),
                Arguments.of("snapshot-begin.hex", new SnapshotBegin()),
                Arguments.of("snapshot-end-300-puts-units-0-9-1023.hex", new SnapshotEnd(300,
                        new java.util.TreeSet<>(java.util.List.of(WorkUnit.of(0), WorkUnit.of(9), WorkUnit.of(1023))))),
                Arguments.of("barrier-42.hex", new Barrier(42)),
                Arguments.of("barrier-ack-42.hex", new BarrierAck(42)),
                Arguments.of("outbid-unit-9-epoch-1765100000000000.hex", new ReplicationFrame.Outbid(WorkUnit.of(9),
                        1_765_100_000_000_000L)));
    }

    @ParameterizedTest
    @MethodSource("goldenFrames")
    void encodesToTheGoldenBytes(String file, ReplicationFrame frame) {
        assertThat(ReplicationFrameCodec.encode(frame)).isEqualTo(golden(file));
        assertThat(ReplicationFrameCodec.encodedLength(frame)).isEqualTo(golden(file).length);
    }

    @ParameterizedTest
    @MethodSource("goldenFrames")
    void decodesTheGoldenBytes(String file, ReplicationFrame frame) {
        assertThat(ReplicationFrameCodec.decode(ByteBuffer.wrap(golden(file))))
                .isEqualTo(new DecodeResult.Decoded<ReplicationFrame, FrameFault>(frame));
    }

    @Test
    void aUnitOutsideTheClusterIsRefused() {
        byte[] frame = golden("put-unit-5-key-1-7.hex");
        frame[6] = 0x04; // unit 0x0405 = 1029
        assertThat(fault(frame)).isEqualTo(FrameFault.BAD_UNIT);
    }

    @Test
    void anEpochOf2To63OrMoreIsRefused() {
        byte[] frame = golden("remove-unit-1023-key-65535-max.hex");
        frame[18] = (byte) 0x80;
        assertThat(fault(frame)).isEqualTo(FrameFault.BAD_EPOCH);
    }

    @Test
    void anUnknownVersionOrKindIsRefused() {
        byte[] version = golden("barrier-42.hex");
        version[4] = 1; // the format before ownership epochs
        byte[] kind = golden("barrier-42.hex");
        kind[5] = 8;
        assertThat(fault(version)).isEqualTo(FrameFault.UNKNOWN_VERSION);
        assertThat(fault(kind)).isEqualTo(FrameFault.UNKNOWN_KIND);
    }

    @Test
    void aBodyOfTheWrongLengthForItsKindIsRefused() {
        byte[] barrier = golden("barrier-42.hex");
        byte[] shortened = ByteBuffer.allocate(barrier.length - 1).putInt(barrier.length - 5).put(barrier, 4, barrier.length - 5)
                .array();
        assertThat(fault(shortened)).isEqualTo(FrameFault.BAD_BODY_LENGTH);
    }

    @Test
    void lengthFieldsOutsideTheLimitsAreRefusedBeforeWaitingForThem() {
        assertThat(ReplicationFrameCodec.checkLength(1)).contains(FrameFault.BAD_LENGTH);
        assertThat(ReplicationFrameCodec.checkLength(ReplicationFrameCodec.MAX_BODY + 1L)).contains(FrameFault.BAD_LENGTH);
        assertThat(ReplicationFrameCodec.checkLength(0xffff_ffffL)).contains(FrameFault.BAD_LENGTH);
        assertThat(ReplicationFrameCodec.checkLength(ReplicationFrameCodec.MAX_BODY)).isEmpty();
        assertThat(fault(new byte[] {0, 0, 0, 3, 1, 3})).isEqualTo(FrameFault.LENGTH_MISMATCH);
    }

    @Test
    void aPutNamesItsKeyButNeverItsState() {
        assertThat(new Put(WorkUnit.of(5), new StateKey(1, 7), 9, new byte[] {0x5e, 0x55}).toString())
                .isEqualTo("Put[5/1:7, epoch 9, 2 B]");
    }

    private static FrameFault fault(byte[] frame) {
        return switch (ReplicationFrameCodec.decode(ByteBuffer.wrap(frame))) {
            case DecodeResult.Malformed<ReplicationFrame, FrameFault> m -> m.error();
            case DecodeResult.Decoded<ReplicationFrame, FrameFault> d -> throw new AssertionError("decoded " + d.value());
        };
    }

    /** The octets of a {@code .hex} resource: hex pairs, '#' comments to the end of the line. */
    static byte[] golden(String name) {
        try (InputStream in = ReplicationFrameCodecTest.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalArgumentException("no resource " + name);
            }
            String hex = new String(in.readAllBytes(), StandardCharsets.US_ASCII).lines()
                    .map(line -> line.replaceAll("#.*", "")).collect(Collectors.joining()).replaceAll("\\s+", "");
            return HexFormat.of().parseHex(hex);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
