package io.cohort.pptp.call;

import java.util.OptionalInt;

/**
 * Hands out the Call IDs this end assigns (RFC 2637 section 3.2.2: unique per control
 * connection; Cohort makes them unique per member so that a GRE packet, which carries only our
 * Call ID, finds its call). A cluster-aware implementation will only hand out IDs that hash to a
 * work unit this member owns (DESIGN.md, "Hashing on tunnel and session identifiers"). Used on
 * the engine's thread.
 */
public interface CallIdAllocator {
    /** A Call ID not in use, now reserved; empty if none is free. */
    OptionalInt allocate();

    /** Returns an ID for reuse; releasing an ID that is not in use is a programming error. */
    void release(int callId);

    /** Whether {@code callId} is currently allocated. */
    boolean inUse(int callId);

    /** How many IDs are currently allocated. */
    int allocated();
}
