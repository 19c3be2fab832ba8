package io.cohort.cluster.wire;

/** Why {@link ClusterCodec#decode} refused a datagram. Every refusal is one of these, never an exception. */
public enum DecodeError {
    /** The input ends inside a field, or before the entries a count or length announces. */
    TRUNCATED,
    /** The first octet is not {@link ClusterCodec#VERSION}. */
    BAD_VERSION,
    /** The type octet names no message ({@link MessageType}). */
    UNKNOWN_TYPE,
    /** A length or count is outside its bound (e.g. a name of 0 or more than 64 octets, 257 members). */
    BAD_LENGTH,
    /**
     * A field holds a value its type does not allow: a blank or ill-formed UTF-8 name, an unknown
     * address family or reason code, port 0, a unit above 1023, a member listed twice, assignments
     * out of order, …
     */
    BAD_FIELD,
    /** A complete message is followed by more octets. */
    TRAILING_BYTES
}
