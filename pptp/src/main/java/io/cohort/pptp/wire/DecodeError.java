package io.cohort.pptp.wire;

/**
 * Why octets could not be decoded into a {@link ControlMessage}. Every one of them means the
 * control connection is to be closed: RFC 2637 section 1.4 (loss of synchronisation "must result
 * in immediate closing") and section 3 (an invalid or malformed message: "the control connection
 * should be closed").
 */
public enum DecodeError {
    /** Fewer octets than the PPTP header or the Length field announce. */
    TRUNCATED(GeneralError.BAD_FORMAT),
    /** The Length field is outside the range any message can have, or is not the type's fixed length. */
    BAD_LENGTH(GeneralError.BAD_FORMAT),
    /** The Magic Cookie is not 0x1A2B3C4D (1.4). */
    BAD_MAGIC_COOKIE(GeneralError.BAD_FORMAT),
    /** PPTP Message Type 2 (management, "currently not defined", 1.4) or any value but 1. */
    UNSUPPORTED_PPTP_MESSAGE_TYPE(GeneralError.BAD_VALUE),
    /** A Control Message Type section 1.4 does not list. */
    UNKNOWN_CONTROL_MESSAGE_TYPE(GeneralError.BAD_VALUE),
    /** A Reserved field is not 0 ("This field MUST be 0"; 2.16 Bad-Value). */
    RESERVED_NOT_ZERO(GeneralError.BAD_VALUE),
    /** A field value out of its range, e.g. a phone number length above 64 octets. */
    BAD_VALUE(GeneralError.BAD_VALUE);

    private final GeneralError generalError;

    DecodeError(GeneralError generalError) {
        this.generalError = generalError;
    }

    /** The section 2.16 General Error code a reply to the offending message would carry. */
    public GeneralError generalError() {
        return generalError;
    }
}
