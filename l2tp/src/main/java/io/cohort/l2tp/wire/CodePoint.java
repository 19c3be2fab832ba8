package io.cohort.l2tp.wire;

/**
 * An enum constant that stands for one numbered value of an RFC 2661 field: a message type, an
 * AVP type, a result or error code. Its {@link #code()} is the number on the wire; the enum
 * looks constants up by code through a {@link CodeTable}.
 */
public interface CodePoint {
    /** The value on the wire. */
    int code();
}
