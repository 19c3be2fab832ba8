package io.cohort.pptp.wire;

import io.cohort.wire.CodePoint;
import io.cohort.wire.CodeTable;
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

    private static final CodeTable<OutgoingCallResult> CODES = new CodeTable<>(values());
    private final Definition definition;

    OutgoingCallResult(int code, String description) { definition = new Definition(code, description); }

    @Override public Definition definition() { return definition; }

    /** The value with this code, if RFC 2637 defines one. */
    public static Optional<OutgoingCallResult> of(int code) { return CODES.of(code); }
}
