package io.cohort.replication.wire;

import io.cohort.cluster.unit.WorkUnit;
import io.cohort.cluster.wire.UnitBitmap;
import io.cohort.replication.StateKey;
import io.cohort.replication.wire.ReplicationFrame.Barrier;
import io.cohort.replication.wire.ReplicationFrame.BarrierAck;
import io.cohort.replication.wire.ReplicationFrame.Outbid;
import io.cohort.replication.wire.ReplicationFrame.Put;
import io.cohort.replication.wire.ReplicationFrame.Remove;
import io.cohort.replication.wire.ReplicationFrame.SnapshotBegin;
import io.cohort.replication.wire.ReplicationFrame.SnapshotEnd;
import io.cohort.wire.DecodeResult;
import java.nio.ByteBuffer;
import java.util.Optional;

/**
 * The replication frame format, version 2 (replication/README.md, "Frames"), network byte order:
 *
 * <pre>
 * length   u32   octets after this field: version, kind and body
 * version  u8    2
 * kind     u8    {@link FrameKind}
 * body           PUT: unit u16, space u16, id u64, epoch u64 (below 2^63), state (the rest)
 *                REMOVE: unit u16, space u16, id u64, epoch u64
 *                SNAPSHOT_BEGIN: empty; SNAPSHOT_END: puts u32, covered units (a bitmap of 128 octets,
 *                unit u at bit 7 - u mod 8 of octet u / 8)
 *                BARRIER, BARRIER_ACK: sequence u64
 *                OUTBID: unit u16, epoch u64
 * </pre>
 *
 * Decoding validates everything once and never throws on octets; encoding takes frames that are
 * valid by construction.
 */
public final class ReplicationFrameCodec {
    /** 2: PUT and REMOVE carry the owner's epoch (version 1 had none). */
    public static final int VERSION = 2;
    /** The length field's own size. */
    public static final int LENGTH_FIELD = 4;
    /** Version and kind. */
    static final int HEADER = 2;
    /** Unit, space, id and epoch. */
    static final int KEY = 20;
    /** The largest state a PUT carries; every engine's state is far smaller (docs/ARCHITECTURE.md). */
    public static final int MAX_STATE = 1 << 20;
    /** The largest length field a receiver accepts. */
    public static final int MAX_BODY = HEADER + KEY + MAX_STATE;

    private ReplicationFrameCodec() {}

    /** An ownership epoch fits the wire's u64 below 2^63 (it is compared as a signed long). */
    static void checkEpoch(long epoch) {
        if (epoch < 0) {
            throw new IllegalArgumentException("epoch " + Long.toUnsignedString(epoch) + " is not below 2^63");
        }
    }

    /** The octets {@code frame} takes on the wire, its length field included. */
    public static int encodedLength(ReplicationFrame frame) {
        return LENGTH_FIELD + HEADER + switch (frame) {
            case Put p -> KEY + p.state().length;
            case Remove r -> KEY;
            case SnapshotBegin b -> 0;
            case SnapshotEnd e -> 4 + UnitBitmap.OCTETS;
            case Barrier b -> 8;
            case BarrierAck a -> 8;
            case Outbid o -> 10;
        };
    }

    /** Writes {@code frame} at {@code out}'s position, which advances by {@link #encodedLength}. */
    public static void encode(ReplicationFrame frame, ByteBuffer out) {
        out.putInt(encodedLength(frame) - LENGTH_FIELD);
        out.put((byte) VERSION);
        out.put((byte) frame.kind().code());
        switch (frame) {
            case Put p -> {
                key(out, p.unit(), p.key(), p.epoch());
                out.put(p.state());
            }
            case Remove r -> key(out, r.unit(), r.key(), r.epoch());
            case SnapshotBegin b -> { }
            case SnapshotEnd e -> {
                out.putInt((int) e.puts());
                out.put(UnitBitmap.encode(e.covered()));
            }
            case Barrier b -> out.putLong(b.sequence());
            case BarrierAck a -> out.putLong(a.sequence());
            case Outbid o -> {
                out.putShort((short) o.unit().value());
                out.putLong(o.epoch());
            }
        }
    }

    public static byte[] encode(ReplicationFrame frame) {
        ByteBuffer out = ByteBuffer.allocate(encodedLength(frame));
        encode(frame, out);
        return out.array();
    }

    /**
     * Whether a length field read from the stream may be followed: a receiver closes the
     * connection on a fault here instead of waiting for up to 4 GiB.
     */
    public static Optional<FrameFault> checkLength(long lengthField) {
        return lengthField < HEADER || lengthField > MAX_BODY ? Optional.of(FrameFault.BAD_LENGTH) : Optional.empty();
    }

    /** Decodes one whole frame, length field included: {@code frame}'s remaining octets, exactly. */
    public static DecodeResult<ReplicationFrame, FrameFault> decode(ByteBuffer frame) {
        ByteBuffer in = frame.duplicate();
        if (in.remaining() < LENGTH_FIELD) {
            return malformed(FrameFault.LENGTH_MISMATCH, "no length field");
        }
        long length = Integer.toUnsignedLong(in.getInt());
        Optional<FrameFault> lengthFault = checkLength(length);
        if (lengthFault.isPresent()) {
            return malformed(lengthFault.get(), "length field " + length);
        }
        if (in.remaining() != length) {
            return malformed(FrameFault.LENGTH_MISMATCH, "length field " + length + ", " + in.remaining() + " octets follow");
        }
        int version = Byte.toUnsignedInt(in.get());
        if (version != VERSION) {
            return malformed(FrameFault.UNKNOWN_VERSION, "version " + version);
        }
        int code = Byte.toUnsignedInt(in.get());
        Optional<FrameKind> kind = FrameKind.of(code);
        if (kind.isEmpty()) {
            return malformed(FrameFault.UNKNOWN_KIND, "kind " + code);
        }
        return body(kind.get(), in);
    }

    private static DecodeResult<ReplicationFrame, FrameFault> body(FrameKind kind, ByteBuffer in) {
        int body = in.remaining();
        return switch (kind) {
            case PUT -> body < KEY ? badBody(kind, body) : keyed(kind, in);
            case REMOVE -> body != KEY ? badBody(kind, body) : keyed(kind, in);
            case SNAPSHOT_BEGIN -> body != 0 ? badBody(kind, body) : decoded(new SnapshotBegin());
            case SNAPSHOT_END -> body != 4 + UnitBitmap.OCTETS ? badBody(kind, body) : snapshotEnd(in);
            case BARRIER -> body != 8 ? badBody(kind, body) : decoded(new Barrier(in.getLong()));
            case BARRIER_ACK -> body != 8 ? badBody(kind, body) : decoded(new BarrierAck(in.getLong()));
            case OUTBID -> body != 10 ? badBody(kind, body) : outbid(in);
        };
    }

    private static DecodeResult<ReplicationFrame, FrameFault> snapshotEnd(ByteBuffer in) {
        long puts = Integer.toUnsignedLong(in.getInt());
        byte[] covered = new byte[UnitBitmap.OCTETS];
        in.get(covered);
        return decoded(new SnapshotEnd(puts, UnitBitmap.decode(covered)));
    }

    private static DecodeResult<ReplicationFrame, FrameFault> outbid(ByteBuffer in) {
        int unit = Short.toUnsignedInt(in.getShort());
        long epoch = in.getLong();
        DecodeResult<ReplicationFrame, FrameFault> outOfRange = outOfRange(unit, epoch);
        return outOfRange != null ? outOfRange : decoded(new Outbid(WorkUnit.of(unit), epoch));
    }

    /** The fault of a unit outside 0..1023 or an epoch of 2^63 or more, the unit's first; null if both fit. */
    private static DecodeResult<ReplicationFrame, FrameFault> outOfRange(int unit, long epoch) {
        if (unit > WorkUnit.MASK) {
            return malformed(FrameFault.BAD_UNIT, "unit " + unit);
        }
        return epoch < 0 ? malformed(FrameFault.BAD_EPOCH, "epoch " + Long.toUnsignedString(epoch)) : null;
    }

    private static DecodeResult<ReplicationFrame, FrameFault> keyed(FrameKind kind, ByteBuffer in) {
        int unit = Short.toUnsignedInt(in.getShort());
        StateKey key = new StateKey(Short.toUnsignedInt(in.getShort()), in.getLong());
        long epoch = in.getLong();
        DecodeResult<ReplicationFrame, FrameFault> outOfRange = outOfRange(unit, epoch);
        if (outOfRange != null) {
            return outOfRange;
        }
        if (kind == FrameKind.REMOVE) {
            return decoded(new Remove(WorkUnit.of(unit), key, epoch));
        }
        byte[] state = new byte[in.remaining()];
        in.get(state);
        return decoded(new Put(WorkUnit.of(unit), key, epoch, state));
    }

    private static void key(ByteBuffer out, WorkUnit unit, StateKey key, long epoch) {
        out.putShort((short) unit.value());
        out.putShort((short) key.space());
        out.putLong(key.id());
        out.putLong(epoch);
    }

    private static DecodeResult<ReplicationFrame, FrameFault> badBody(FrameKind kind, int length) {
        return malformed(FrameFault.BAD_BODY_LENGTH, kind + " with a body of " + length + " octets");
    }

    private static DecodeResult<ReplicationFrame, FrameFault> decoded(ReplicationFrame frame) {
        return new DecodeResult.Decoded<>(frame);
    }

    private static DecodeResult<ReplicationFrame, FrameFault> malformed(FrameFault fault, String detail) {
        return new DecodeResult.Malformed<>(fault, detail);
    }
}
