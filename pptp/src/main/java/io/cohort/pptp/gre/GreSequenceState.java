package io.cohort.pptp.gre;

import java.util.OptionalLong;

/**
 * The per-packet counters of a {@link GreChannel} (RFC 2637 4.1), the lazily replicated part of
 * its {@link GreChannelEssentialState} (DESIGN.md, "State"): the next sequence number to send and
 * the last one received from the peer (the one our acknowledgments name). They change with every
 * packet, so a replica may lag the owner by the packets of one replication interval.
 *
 * <p>A new owner therefore resumes with {@link #jumpedForward}: its next sequence number is moved
 * ahead of any the old owner can have sent. The peer tolerates the jump: 4.3 keeps any packet
 * newer than the last one received, and "newer" is the 32-bit serial comparison (a forward
 * distance under 2^31), so it counts the skipped numbers as lost and delivers what follows; our
 * acknowledgments are not moved, as the peer discards those for packets it already saw
 * acknowledged. The last received number is kept as replicated: the peer never retransmits (4.2),
 * so what it sends the new owner is newer than anything the old one delivered.
 *
 * @param nextSequence the sequence number of the next packet we send
 * @param lastReceived the highest sequence number received from the peer, if any
 */
public record GreSequenceState(long nextSequence, OptionalLong lastReceived) {
    /**
     * The forward jump a new owner applies by default: more packets than one call sends in a
     * replication interval (65536 packets is 1 s at 65536 packets/s), far under the 2^31 the
     * peer's serial comparison accepts.
     */
    public static final long TAKEOVER_JUMP = 1L << 16;

    /**
     * The largest forward jump the peer still sees as newer: the packet after it is {@code jump + 1}
     * ahead of the last one the peer received, which serial arithmetic on 32 bits reads as newer
     * only under 2^31.
     */
    public static final long MAX_JUMP = (1L << 31) - 2;

    public GreSequenceState {
        if (nextSequence < 0 || nextSequence > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("sequence numbers are 32-bit");
        }
        if (lastReceived.isPresent() && (lastReceived.getAsLong() < 0 || lastReceived.getAsLong() > 0xFFFF_FFFFL)) {
            throw new IllegalArgumentException("sequence numbers are 32-bit");
        }
    }

    /** A fresh session: sequence numbers start at zero (4.1). */
    public static final GreSequenceState INITIAL = new GreSequenceState(0, OptionalLong.empty());

    /**
     * These counters with the next sequence number {@code packets} ahead, modulo 2^32.
     *
     * @throws IllegalArgumentException unless 0 <= packets <= {@link #MAX_JUMP}
     */
    public GreSequenceState jumpedForward(long packets) {
        if (packets < 0 || packets > MAX_JUMP) {
            throw new IllegalArgumentException("a forward jump is 0 to 2^31 - 2 packets");
        }
        return new GreSequenceState((nextSequence + packets) & 0xFFFF_FFFFL, lastReceived);
    }
}
