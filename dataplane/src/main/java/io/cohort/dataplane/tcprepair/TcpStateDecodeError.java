package io.cohort.dataplane.tcprepair;

/** Why {@link TcpConnectionStateCodec} refused a replicated TCP state record. */
public enum TcpStateDecodeError {
    /** Fewer octets than the header, a fixed field or a queue's length prefix calls for. */
    TRUNCATED,
    /** A format version other than 1. */
    UNSUPPORTED_VERSION,
    /** A record kind no {@link TcpStateRecordKind} has. */
    UNKNOWN_KIND,
    /** A known record kind, but not the one the receiver asked to decode. */
    UNEXPECTED_KIND,
    /** A flag bit the format reserves is set. */
    RESERVED_FLAGS,
    /** An MSS of 0 (RFC 9293 section 3.7.1: the peer announces at least 1). */
    ZERO_MAXIMUM_SEGMENT_SIZE,
    /** A window shift above 14 (RFC 7323 section 2.3). */
    WINDOW_SHIFT_OUT_OF_RANGE,
    /** A window shift other than 0 although window scaling was not negotiated. */
    WINDOW_SHIFT_WITHOUT_SCALING,
    /** max_window below snd_wnd: the peer's largest window cannot be smaller than its last one. */
    MAX_WINDOW_BELOW_SEND_WINDOW,
    /** Octets after the end of the record. */
    TRAILING_OCTETS
}
