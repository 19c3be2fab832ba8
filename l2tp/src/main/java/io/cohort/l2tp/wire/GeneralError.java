package io.cohort.l2tp.wire;

import io.cohort.wire.CodePoint;
import io.cohort.wire.CodeTable;
import java.util.Optional;

/** General Error Code values of the Result Code AVP (RFC 2661 section 4.4.2). */
public enum GeneralError implements CodePoint {
    NO_ERROR(0, "No general error"),
    NO_CONTROL_CONNECTION(1, "No control connection exists yet for this LAC-LNS pair"),
    BAD_LENGTH(2, "Length is wrong"),
    BAD_VALUE(3, "One of the field values was out of range or reserved field was non-zero"),
    INSUFFICIENT_RESOURCES(4, "Insufficient resources to handle this operation now"),
    INVALID_SESSION_ID(5, "The Session ID is invalid in this context"),
    VENDOR_SPECIFIC(6, "A generic vendor-specific error occurred in the LAC"),
    TRY_ANOTHER(7, "Try another"),
    UNKNOWN_MANDATORY_AVP(8, "Session or tunnel was shutdown due to receipt of an unknown AVP with the M-bit set");

    private static final CodeTable<GeneralError> CODES = new CodeTable<>(values());
    private final Definition definition;

    GeneralError(int code, String description) { definition = new Definition(code, description); }

    @Override public Definition definition() { return definition; }

    /** The constant with this code, empty if the RFC defines none. */
    public static Optional<GeneralError> of(int code) { return CODES.of(code); }
}
