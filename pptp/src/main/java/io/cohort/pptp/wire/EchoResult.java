package io.cohort.pptp.wire;

import java.util.Optional;

/** Result Code of an Echo-Reply (RFC 2637 section 2.6). */
public enum EchoResult implements CodePoint {
    OK(1, "The Echo-Reply is valid"),
    GENERAL_ERROR(2, "Echo-Request not accepted for the reason indicated in Error Code");

    private final int code;
    private final String description;

    EchoResult(int code, String description) {
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
    public static Optional<EchoResult> of(int code) {
        return CodePoint.lookup(EchoResult.class, code);
    }
}
