package io.cohort.l2tp.wire;

/** Why a datagram could not be decoded into an {@link L2tpPacket}. */
public enum DecodeError {
    /** Too short for the header its flags announce, or shorter than its Length field. */
    TRUNCATED,
    /** Ver is not 2 (3.1: "Packets received with an unknown Ver field MUST be discarded"). */
    UNSUPPORTED_VERSION,
    /** A header flag that RFC 2661 forbids: control without L or S, or with O or P (3.1). */
    BAD_HEADER_FLAGS,
    /** The Length field is smaller than the header, or the offset pad runs past the end. */
    BAD_LENGTH,
    /** An AVP header is inconsistent: length below 6 or past the end of the message (4.1). */
    BAD_AVP_LENGTH,
    /** A recognised AVP whose value has an illegal length or content for its type (4.4). */
    BAD_AVP_VALUE,
    /** The first AVP is not a cleartext Message Type AVP (4.4.1). */
    MISSING_MESSAGE_TYPE,
    /** A Message Type AVP anywhere but first. */
    MISPLACED_MESSAGE_TYPE,
    /**
     * The Message Type is unknown and its M-bit is set: the tunnel MUST be cleared (4.4.1).
     * Unknown types without the M-bit are {@link #IGNORABLE_MESSAGE_TYPE}.
     */
    UNKNOWN_MANDATORY_MESSAGE_TYPE,
    /** The Message Type is unknown and its M-bit is clear: the message may be ignored (4.4.1). */
    IGNORABLE_MESSAGE_TYPE,
    /**
     * An unrecognised AVP with the M-bit set: the session (for a session message) or the tunnel
     * MUST be terminated (4.2), with general error 8.
     */
    UNKNOWN_MANDATORY_AVP,
    /** An AVP has the H-bit although no shared secret is configured (4.3). */
    HIDDEN_AVP_WITHOUT_SECRET,
    /** A hidden AVP is not preceded by a Random Vector AVP (4.3). */
    HIDDEN_AVP_WITHOUT_RANDOM_VECTOR,
    /** A hidden AVP unhides to an impossible original length (wrong secret or corrupt). */
    BAD_HIDDEN_AVP,
    /** The H-bit is set on an AVP that MUST NOT be hidden (4.4). */
    FORBIDDEN_HIDDEN_AVP,
    /** A message lacks an AVP section 6 says MUST be present. */
    MISSING_REQUIRED_AVP
}
