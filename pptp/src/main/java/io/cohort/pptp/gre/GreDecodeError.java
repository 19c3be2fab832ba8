package io.cohort.pptp.gre;

/** Why a datagram is not an enhanced GRE packet that PPTP accepts (RFC 2637 section 4.1). */
public enum GreDecodeError {
    /** Shorter than the header its flags announce, or than its Payload Length. */
    TRUNCATED,
    /** Ver is not 1 (0 is plain GRE, RFC 1701). */
    BAD_VERSION,
    /** Protocol Type is not 0x880B (PPP). */
    BAD_PROTOCOL_TYPE,
    /** K is clear: PPTP needs the Key for the payload length and Call ID. */
    KEY_ABSENT,
    /**
     * C, R, s, Recur or the Flags bits are set. 4.1 says each is "set to zero"; C and R would also
     * insert checksum and routing fields that PPTP's layout has no room for.
     */
    FORBIDDEN_BITS,
    /** S is clear but the Payload Length is not 0: 4.1 sets S exactly when a payload is present. */
    PAYLOAD_WITHOUT_SEQUENCE
}
