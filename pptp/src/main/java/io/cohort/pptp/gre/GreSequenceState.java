package io.cohort.pptp.gre;

import java.util.OptionalLong;

/**
 * The essential state of a {@link GreChannel} (DESIGN.md, "State"): the next sequence number to
 * send and the highest one received from the peer. A new owner resumes from it after a safe
 * forward jump of {@code nextSequence}; windows and time-outs are calculable and start afresh.
 */
public record GreSequenceState(long nextSequence, OptionalLong lastReceived) {
    public GreSequenceState {
        if (nextSequence < 0 || nextSequence > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("sequence numbers are 32-bit");
        }
    }

    /** A fresh session: sequence numbers start at zero (4.1). */
    public static final GreSequenceState INITIAL = new GreSequenceState(0, OptionalLong.empty());
}
