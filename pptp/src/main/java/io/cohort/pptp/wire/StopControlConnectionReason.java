package io.cohort.pptp.wire;

import java.util.Optional;

/** Reason of a Stop-Control-Connection-Request (RFC 2637 section 2.3). */
public enum StopControlConnectionReason implements CodePoint {
    NONE(1, "General request to clear control connection"),
    STOP_PROTOCOL(2, "Can't support peer's version of the protocol"),
    STOP_LOCAL_SHUTDOWN(3, "Requester is being shut down");

    private final int code;
    private final String description;

    StopControlConnectionReason(int code, String description) {
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
    public static Optional<StopControlConnectionReason> of(int code) {
        return CodePoint.lookup(StopControlConnectionReason.class, code);
    }
}
