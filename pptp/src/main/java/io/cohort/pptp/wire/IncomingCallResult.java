package io.cohort.pptp.wire;

import java.util.Optional;

/** Result Code of an Incoming-Call-Reply (RFC 2637 section 2.10). */
public enum IncomingCallResult implements CodePoint {
    CONNECT(1, "The PAC should answer the incoming call"),
    GENERAL_ERROR(2, "The Incoming Call should not be established due to the reason indicated in Error Code"),
    DO_NOT_ACCEPT(3, "The PAC should not accept the incoming call");

    private final int code;
    private final String description;

    IncomingCallResult(int code, String description) {
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
    public static Optional<IncomingCallResult> of(int code) {
        return CodePoint.lookup(IncomingCallResult.class, code);
    }
}
