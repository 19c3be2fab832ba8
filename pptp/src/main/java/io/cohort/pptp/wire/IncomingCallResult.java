package io.cohort.pptp.wire;

import io.cohort.wire.CodePoint;
import io.cohort.wire.CodeTable;
import java.util.Optional;

/** Result Code of an Incoming-Call-Reply (RFC 2637 section 2.10). */
public enum IncomingCallResult implements CodePoint {
    CONNECT(1, "The PAC should answer the incoming call"),
    GENERAL_ERROR(2, "The Incoming Call should not be established due to the reason indicated in Error Code"),
    DO_NOT_ACCEPT(3, "The PAC should not accept the incoming call");

    private static final CodeTable<IncomingCallResult> CODES = new CodeTable<>(values());
    private final Definition definition;

    IncomingCallResult(int code, String description) { definition = new Definition(code, description); }

    @Override public Definition definition() { return definition; }

    /** The value with this code, if RFC 2637 defines one. */
    public static Optional<IncomingCallResult> of(int code) { return CODES.of(code); }
}
