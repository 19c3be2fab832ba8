package io.cohort.l2tp.wire;

import io.cohort.wire.CodePoint;
import io.cohort.wire.CodeTable;
import java.util.Optional;

/** Result Code values of the CDN message (RFC 2661 section 4.4.2). */
public enum CdnResult implements CodePoint {
    RESERVED(0, "Reserved"),
    LOSS_OF_CARRIER(1, "Call disconnected due to loss of carrier"),
    GENERAL_ERROR(2, "Call disconnected for the reason indicated in error code"),
    ADMINISTRATIVE(3, "Call disconnected for administrative reasons"),
    TEMPORARY_LACK_OF_FACILITIES(4, "Call failed due to lack of appropriate facilities being available (temporary condition)"),
    PERMANENT_LACK_OF_FACILITIES(5, "Call failed due to lack of appropriate facilities being available (permanent condition)"),
    INVALID_DESTINATION(6, "Invalid destination"),
    NO_CARRIER(7, "Call failed due to no carrier detected"),
    BUSY(8, "Call failed due to detection of a busy signal"),
    NO_DIAL_TONE(9, "Call failed due to lack of a dial tone"),
    TIMEOUT(10, "Call was not established within time allotted by LAC"),
    NO_FRAMING(11, "Call was connected but no appropriate framing was detected");

    private static final CodeTable<CdnResult> CODES = new CodeTable<>(values());
    private final Definition definition;

    CdnResult(int code, String description) { definition = new Definition(code, description); }

    @Override public Definition definition() { return definition; }

    /** The constant with this code, empty if the RFC defines none. */
    public static Optional<CdnResult> of(int code) { return CODES.of(code); }
}
