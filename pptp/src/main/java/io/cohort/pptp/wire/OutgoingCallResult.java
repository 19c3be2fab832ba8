package io.cohort.pptp.wire;

import java.util.Optional;

/** Result Code of an Outgoing-Call-Reply (RFC 2637 section 2.8). */
public enum OutgoingCallResult implements CodePoint {
    CONNECTED(1, "Call established with no errors"),
    GENERAL_ERROR(2, "Outgoing Call not established for the reason indicated in Error Code"),
    NO_CARRIER(3, "Outgoing Call failed due to no carrier detected"),
    BUSY(4, "Outgoing Call failed due to detection of a busy signal"),
    NO_DIAL_TONE(5, "Outgoing Call failed due to lack of a dial tone"),
    TIME_OUT(6, "Outgoing Call was not established within time allotted by PAC"),
    DO_NOT_ACCEPT(7, "Outgoing Call administratively prohibited");

    private final int code;
    private final String description;

    OutgoingCallResult(int code, String description) {
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
    public static Optional<OutgoingCallResult> of(int code) {
        return CodePoint.lookup(OutgoingCallResult.class, code);
    }
}
