package io.cohort.pptp.wire;

import io.cohort.wire.CodePoint;
import io.cohort.wire.CodeTable;
import java.util.Optional;

/** General Error codes (RFC 2637 section 2.16), carried in the Error Code field of replies whose Result Code is General Error. */
public enum GeneralError implements CodePoint {
    NONE(0, "No general error"),
    NOT_CONNECTED(1, "No control connection exists yet for this PAC-PNS pair"),
    BAD_FORMAT(2, "Length is wrong or Magic Cookie value is incorrect"),
    BAD_VALUE(3, "One of the field values was out of range or reserved field was non-zero"),
    NO_RESOURCE(4, "Insufficient resources to handle this command now"),
    BAD_CALL_ID(5, "The Call ID is invalid in this context"),
    PAC_ERROR(6, "A generic vendor-specific error occurred in the PAC");

    private static final CodeTable<GeneralError> CODES = new CodeTable<>(values());
    private final Definition definition;

    GeneralError(int code, String description) { definition = new Definition(code, description); }

    @Override public Definition definition() { return definition; }

    /** The value with this code, if RFC 2637 defines one. */
    public static Optional<GeneralError> of(int code) { return CODES.of(code); }
}
