package io.cohort.pptp.wire;

import io.cohort.wire.CodePoint;
import io.cohort.wire.CodeTable;
import java.util.Optional;

/** Result Code of a Call-Disconnect-Notify (RFC 2637 section 2.13). */
public enum CallDisconnectResult implements CodePoint {
    LOST_CARRIER(1, "Call disconnected due to loss of carrier"),
    GENERAL_ERROR(2, "Call disconnected for the reason indicated in Error Code"),
    ADMIN_SHUTDOWN(3, "Call disconnected for administrative reasons"),
    REQUEST(4, "Call disconnected due to received Call-Clear-Request");

    private static final CodeTable<CallDisconnectResult> CODES = new CodeTable<>(values());
    private final Definition definition;

    CallDisconnectResult(int code, String description) { definition = new Definition(code, description); }

    @Override public Definition definition() { return definition; }

    /** The value with this code, if RFC 2637 defines one. */
    public static Optional<CallDisconnectResult> of(int code) { return CODES.of(code); }
}
