package io.cohort.pptp.wire;

import io.cohort.wire.CodePoint;
import io.cohort.wire.CodeTable;
import java.util.Optional;

/** Reason of a Stop-Control-Connection-Request (RFC 2637 section 2.3). */
public enum StopControlConnectionReason implements CodePoint {
    NONE(1, "General request to clear control connection"),
    STOP_PROTOCOL(2, "Can't support peer's version of the protocol"),
    STOP_LOCAL_SHUTDOWN(3, "Requester is being shut down");

    private static final CodeTable<StopControlConnectionReason> CODES = new CodeTable<>(values());
    private final Definition definition;

    StopControlConnectionReason(int code, String description) { definition = new Definition(code, description); }

    @Override public Definition definition() { return definition; }

    /** The value with this code, if RFC 2637 defines one. */
    public static Optional<StopControlConnectionReason> of(int code) { return CODES.of(code); }
}
