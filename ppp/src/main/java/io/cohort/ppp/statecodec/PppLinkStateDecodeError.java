package io.cohort.ppp.statecodec;

/** Why octets were refused as a PPP link state record. Names become counter suffixes. */
public enum PppLinkStateDecodeError {
    /** Fewer octets than the record's fields need. */
    TRUNCATED("truncated"),
    /** A format version other than 1. */
    UNSUPPORTED_VERSION("unsupported_version"),
    /** A record kind other than the one asked for. */
    WRONG_KIND("wrong_kind"),
    /** A presence or boolean octet other than 0 or 1, or a flag bit that is not defined. */
    BAD_FLAG("bad_flag"),
    /** A coded field (authentication method, MPPE strength) with an undefined value. */
    UNKNOWN_CODE("unknown_code"),
    /** A number or length outside the range its field allows. */
    OUT_OF_RANGE("out_of_range"),
    /** A user name that is not well-formed UTF-8. */
    BAD_UTF8("bad_utf8"),
    /** Octets left after the record's last field. */
    TRAILING_OCTETS("trailing_octets");

    private final String counterSuffix;

    PppLinkStateDecodeError(String counterSuffix) {
        this.counterSuffix = counterSuffix;
    }

    /** Short name for counters, e.g. {@code ppp.state.malformed.truncated}. */
    public String counterSuffix() {
        return counterSuffix;
    }
}
