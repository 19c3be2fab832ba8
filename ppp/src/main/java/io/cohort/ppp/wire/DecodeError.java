package io.cohort.ppp.wire;

/** Why a PPP frame, packet or option list was refused. Names become counter suffixes. */
public enum DecodeError {
    /** Fewer bytes than the fixed header needs. */
    TRUNCATED("truncated"),
    /** FF present but not followed by 03 (RFC 1662 section 3.1). */
    BAD_ADDRESS_CONTROL("bad_address_control"),
    /** Protocol field whose low byte is even or high byte odd (RFC 1661 section 2). */
    BAD_PROTOCOL_FIELD("bad_protocol"),
    /** Length field shorter than the header or longer than the bytes present. */
    BAD_LENGTH("bad_length"),
    /** An option whose length is below 2 or runs past the packet (RFC 1661 section 6). */
    BAD_OPTION_LENGTH("bad_option_length"),
    /** A field inside a packet that does not fit the packet's declared layout. */
    BAD_FIELD("bad_field");

    private final String counterSuffix;

    DecodeError(String counterSuffix) {
        this.counterSuffix = counterSuffix;
    }

    /** Short name for counters, e.g. {@code ppp.rx.malformed.bad_length}. */
    public String counterSuffix() {
        return counterSuffix;
    }
}
