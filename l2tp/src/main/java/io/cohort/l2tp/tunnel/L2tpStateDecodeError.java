package io.cohort.l2tp.tunnel;

/** Why {@link L2tpStateCodec} rejected the octets of a replicated state record. */
public enum L2tpStateDecodeError {
    /** Fewer octets than the record's fields need. */
    TRUNCATED,
    /** The format version octet is not 1. */
    UNSUPPORTED_VERSION,
    /** The record kind octet names no record, or not the one asked for. */
    UNKNOWN_KIND,
    /** A fixed-width field holds a value outside its range (an ID of 0, an unknown enum value). */
    OUT_OF_RANGE,
    /** A presence or boolean octet is neither 0 nor 1. */
    BAD_FLAG,
    /** A string is not valid UTF-8. */
    BAD_STRING,
    /** A pending control message's AVP list is not a valid message (RFC 2661 4.1). */
    BAD_CONTROL_MESSAGE,
    /** Octets follow the record's last field. */
    TRAILING_OCTETS
}
