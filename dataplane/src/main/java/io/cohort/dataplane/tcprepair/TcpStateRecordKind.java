package io.cohort.dataplane.tcprepair;

import io.cohort.wire.CodePoint;
import io.cohort.wire.CodeTable;
import java.util.Optional;

/** The record kind octet of {@link TcpConnectionStateCodec}'s encodings: which record follows the header. */
public enum TcpStateRecordKind implements CodePoint {
    INITIAL(1, "TCP connection initial state"),
    ESSENTIAL(2, "TCP connection essential state"),
    WINDOW(3, "TCP repair window"),
    CONNECTION(4, "TCP connection state (initial and essential)");

    private static final CodeTable<TcpStateRecordKind> BY_CODE = new CodeTable<>(values());

    private final Definition definition;

    TcpStateRecordKind(int code, String description) {
        definition = new Definition(code, description);
    }

    @Override
    public Definition definition() {
        return definition;
    }

    public static Optional<TcpStateRecordKind> of(int code) {
        return BY_CODE.of(code);
    }
}
