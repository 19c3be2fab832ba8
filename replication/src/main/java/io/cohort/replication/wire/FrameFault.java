package io.cohort.replication.wire;

/** Why octets from a peer are not a replication frame; any of them closes that connection. */
public enum FrameFault {
    /** The length field is below the smallest frame or above {@link ReplicationFrameCodec#MAX_BODY}. */
    BAD_LENGTH,
    /** The frame's octets do not match its length field. */
    LENGTH_MISMATCH,
    /** A version this member does not speak. */
    UNKNOWN_VERSION,
    /** A kind octet no {@link FrameKind} has. */
    UNKNOWN_KIND,
    /** The body is not as long as its kind requires. */
    BAD_BODY_LENGTH,
    /** A work unit outside 0..1023. */
    BAD_UNIT,
    /** An ownership epoch of 2^63 or more. */
    BAD_EPOCH
}
