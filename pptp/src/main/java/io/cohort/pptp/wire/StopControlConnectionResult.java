package io.cohort.pptp.wire;

import io.cohort.wire.CodePoint;
import io.cohort.wire.CodeTable;
import java.util.Optional;

/** Result Code of a Stop-Control-Connection-Reply (RFC 2637 section 2.4). */
public enum StopControlConnectionResult implements CodePoint {
    OK(1, "Control connection closed"),
    GENERAL_ERROR(2, "Control connection not closed for reason indicated in Error Code");

    private static final CodeTable<StopControlConnectionResult> CODES = new CodeTable<>(values());
    private final Definition definition;

    StopControlConnectionResult(int code, String description) { definition = new Definition(code, description); }

    @Override public Definition definition() { return definition; }

    /** The value with this code, if RFC 2637 defines one. */
    public static Optional<StopControlConnectionResult> of(int code) { return CODES.of(code); }
}
