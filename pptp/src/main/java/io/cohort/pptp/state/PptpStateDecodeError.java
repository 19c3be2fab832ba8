package io.cohort.pptp.state;

/**
 * Why octets from the replication channel are not a PPTP state record ({@link PptpStateCodec}).
 * Any of them means the replica keeps what it had and the sender is out of step or corrupt.
 */
public enum PptpStateDecodeError {
    /** Fewer octets than the fields, a length prefix or a count announce. */
    TRUNCATED,
    /** A Format Version other than 1. */
    UNSUPPORTED_VERSION,
    /** A Record Kind the format does not define. */
    UNKNOWN_KIND,
    /** A well-formed record of another kind than the one asked for. */
    UNEXPECTED_KIND,
    /** A field outside its range: a presence or flag octet not 0 or 1, a window, Call ID or duration out of range. */
    BAD_VALUE,
    /** A text field that is not UTF-8, or not the NUL-free Latin-1 of at most 64 characters RFC 2637 2.1 allows. */
    BAD_TEXT,
    /** Fields that are each in range but together break the record's invariants (e.g. a Call ID twice). */
    INCONSISTENT,
    /** Octets left after the record. */
    TRAILING_OCTETS
}
