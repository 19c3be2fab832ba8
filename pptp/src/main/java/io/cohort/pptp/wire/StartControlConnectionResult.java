package io.cohort.pptp.wire;

import java.util.Optional;

/** Result Code of a Start-Control-Connection-Reply (RFC 2637 section 2.2). */
public enum StartControlConnectionResult implements CodePoint {
    SUCCESS(1, "Successful channel establishment"),
    GENERAL_ERROR(2, "General error -- Error Code indicates the problem"),
    ALREADY_EXISTS(3, "Command channel already exists"),
    NOT_AUTHORIZED(4, "Requester is not authorized to establish a command channel"),
    UNSUPPORTED_VERSION(5, "The protocol version of the requester is not supported");

    private final int code;
    private final String description;

    StartControlConnectionResult(int code, String description) {
        this.code = code;
        this.description = description;
    }

    @Override
    public int code() {
        return code;
    }

    @Override
    public String description() {
        return description;
    }

    /** The value with this code, if RFC 2637 defines one. */
    public static Optional<StartControlConnectionResult> of(int code) {
        return CodePoint.lookup(StartControlConnectionResult.class, code);
    }
}
