package io.cohort.pptp.gre;

import java.time.Duration;
import java.util.Objects;

/**
 * The essential state of a {@link GreChannel} (the patent's figure 7, "Essential State"): what a
 * new owner needs, with the {@link GreChannelInitialState}, to carry the call's data channel on.
 * About 30 octets per call.
 *
 * <p>Everything here changes per packet or per acknowledgment, so it is replicated lazily
 * (DESIGN.md, "State"), not on each change: {@link #sequence()} are the lazily replicated counters,
 * resumed after {@link GreSequenceState#jumpedForward a forward jump} the peer tolerates; a stale
 * {@link #transmitWindow()} or RTT estimate is safe, as both adapt within a window of packets (4.2.3,
 * 4.4.1).
 *
 * <p>Calculable, never carried (rebuilt as on a time-out without retransmission, 4.2.2): the
 * oldest unacknowledged packet (= the next sequence number: what the old owner had outstanding is
 * given up, and acknowledgments for it are stale), the send times of outstanding packets, the
 * count towards the window's growth (0), the acknowledgment owed to the peer (none: the peer's
 * next packet is acknowledged) and both timers.
 *
 * @param sequence           the next sequence number to send and the last one received (4.1)
 * @param transmitWindow     the current transmit window (4.2.1 to 4.2.3), at least 1
 * @param roundTripTime      the RTT estimate of 4.4.1
 * @param roundTripDeviation its mean deviation (DEV of 4.4.1)
 */
public record GreChannelEssentialState(GreSequenceState sequence, int transmitWindow, Duration roundTripTime,
        Duration roundTripDeviation) {

    public GreChannelEssentialState {
        Objects.requireNonNull(sequence, "sequence");
        Objects.requireNonNull(roundTripTime, "roundTripTime");
        Objects.requireNonNull(roundTripDeviation, "roundTripDeviation");
        if (transmitWindow < 1 || transmitWindow > GreChannel.MAX_TRANSMIT_WINDOW || roundTripTime.isNegative()
                || roundTripDeviation.isNegative()) {
            throw new IllegalArgumentException("need 1 <= transmitWindow <= " + GreChannel.MAX_TRANSMIT_WINDOW
                    + " and a non-negative RTT estimate");
        }
    }

    /** This state as a new owner resumes it: the sequence numbers {@code packets} ahead (see {@link GreSequenceState#jumpedForward}). */
    public GreChannelEssentialState jumpedForward(long packets) {
        return new GreChannelEssentialState(sequence.jumpedForward(packets), transmitWindow, roundTripTime,
                roundTripDeviation);
    }
}
