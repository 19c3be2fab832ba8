package io.cohort.pptp.wire;

import io.cohort.wire.CodePoint;
import io.cohort.wire.CodeTable;
import java.util.Optional;

/** Result Code of an Echo-Reply (RFC 2637 section 2.6). */
public enum EchoResult implements CodePoint {
    OK(1, "The Echo-Reply is valid"),
    GENERAL_ERROR(2, "Echo-Request not accepted for the reason indicated in Error Code");

    private static final CodeTable<EchoResult> CODES = new CodeTable<>(values());
    private final Definition definition;

    EchoResult(int code, String description) { definition = new Definition(code, description); }

    @Override public Definition definition() { return definition; }

    /** The value with this code, if RFC 2637 defines one. */
    public static Optional<EchoResult> of(int code) { return CODES.of(code); }
}
