package io.cohort.pptp.wire;

import io.cohort.wire.CodePoint;
import io.cohort.wire.CodeTable;
import java.util.Optional;

/** Result Code of a Start-Control-Connection-Reply (RFC 2637 section 2.2). */
public enum StartControlConnectionResult implements CodePoint {
    SUCCESS(1, "Successful channel establishment"),
    GENERAL_ERROR(2, "General error -- Error Code indicates the problem"),
    ALREADY_EXISTS(3, "Command channel already exists"),
    NOT_AUTHORIZED(4, "Requester is not authorized to establish a command channel"),
    UNSUPPORTED_VERSION(5, "The protocol version of the requester is not supported");

    private static final CodeTable<StartControlConnectionResult> CODES = new CodeTable<>(values());
    private final Definition definition;

    StartControlConnectionResult(int code, String description) { definition = new Definition(code, description); }

    @Override public Definition definition() { return definition; }

    /** The value with this code, if RFC 2637 defines one. */
    public static Optional<StartControlConnectionResult> of(int code) { return CODES.of(code); }
}
