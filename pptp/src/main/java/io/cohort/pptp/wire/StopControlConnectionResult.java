package io.cohort.pptp.wire;

import java.util.Optional;

/** Result Code of a Stop-Control-Connection-Reply (RFC 2637 section 2.4). */
public enum StopControlConnectionResult implements CodePoint {
    OK(1, "Control connection closed"),
    GENERAL_ERROR(2, "Control connection not closed for reason indicated in Error Code");

    private final int code;
    private final String description;

    StopControlConnectionResult(int code, String description) {
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
    public static Optional<StopControlConnectionResult> of(int code) {
        return CodePoint.lookup(StopControlConnectionResult.class, code);
    }
}
