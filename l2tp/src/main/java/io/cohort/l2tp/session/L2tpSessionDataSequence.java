package io.cohort.l2tp.session;

import io.cohort.l2tp.control.SequenceNumbers;

/**
 * The data-message sequence numbers of one call (RFC 2661 5.4): they change with every packet,
 * so they are replicated lazily and a new owner resumes with a forward jump (DESIGN.md, "State";
 * patent figure 7 keeps per-packet numbers out of the essential portion for the same reason).
 * The jump is safe both ways: the peer takes an Ns ahead of what it expects as a gap (5.4), and
 * our stale expected Ns is behind the peer's, so its next packet is a gap here too.
 *
 * @param nextNs the Ns of our next sequenced data message
 * @param expectedNs the Ns we expect on the peer's next sequenced data message
 */
public record L2tpSessionDataSequence(int nextNs, int expectedNs) {

    public L2tpSessionDataSequence {
        if (nextNs < 0 || nextNs >= SequenceNumbers.MODULUS || expectedNs < 0
                || expectedNs >= SequenceNumbers.MODULUS) {
            throw new IllegalArgumentException("Ns must be in 0..65535: " + nextNs + ", " + expectedNs);
        }
    }

    /**
     * The numbers a new owner resumes with when this copy may be up to {@code jump} packets
     * stale: our Ns jumps ahead; the expected Ns stays, a stale value being behind the peer's.
     * The jump must stay below half the number space, or the peer would take it as old (5.4).
     */
    public L2tpSessionDataSequence resumedAfter(int jump) {
        if (jump < 0 || jump >= SequenceNumbers.MODULUS / 2) {
            throw new IllegalArgumentException("jump must be in 0..32767: " + jump);
        }
        return new L2tpSessionDataSequence((nextNs + jump) & 0xFFFF, expectedNs);
    }
}
