package io.cohort.replication.wire;

import io.cohort.wire.CodePoint;
import io.cohort.wire.CodeTable;
import java.util.Optional;

/** The kind octet of a replication frame (replication/README.md, "Frames"). */
public enum FrameKind implements CodePoint {
    PUT(1, "Put: a key's latest state"),
    REMOVE(2, "Remove: a key no longer exists"),
    SNAPSHOT_BEGIN(3, "Snapshot begin: every key the sender owns follows"),
    SNAPSHOT_END(4, "Snapshot end: keys not put since the begin are stale"),
    BARRIER(5, "Barrier: acknowledge when everything before it is applied"),
    BARRIER_ACK(6, "Barrier acknowledgement"),
    OUTBID(7, "Outbid: a put or removal was stale, its unit has a newer epoch");

    private static final CodeTable<FrameKind> TABLE = new CodeTable<>(values());

    private final Definition definition;

    FrameKind(int code, String description) {
        this.definition = new Definition(code, description);
    }

    @Override
    public Definition definition() {
        return definition;
    }

    public static Optional<FrameKind> of(int code) {
        return TABLE.of(code);
    }
}
