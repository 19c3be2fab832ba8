package io.cohort.pptp.wire;

import java.util.Optional;

/** Result Code of a Call-Disconnect-Notify (RFC 2637 section 2.13). */
public enum CallDisconnectResult implements CodePoint {
    LOST_CARRIER(1, "Call disconnected due to loss of carrier"),
    GENERAL_ERROR(2, "Call disconnected for the reason indicated in Error Code"),
    ADMIN_SHUTDOWN(3, "Call disconnected for administrative reasons"),
    REQUEST(4, "Call disconnected due to received Call-Clear-Request");

    private final int code;
    private final String description;

    CallDisconnectResult(int code, String description) {
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
    public static Optional<CallDisconnectResult> of(int code) {
        return CodePoint.lookup(CallDisconnectResult.class, code);
    }
}
