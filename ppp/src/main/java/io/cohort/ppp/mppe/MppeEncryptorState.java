package io.cohort.ppp.mppe;

import java.util.Objects;

/**
 * The essential state of one link's MPPE sending direction (patent, figure 7: sent on each
 * change): where its cipher stands ({@link MppeCipherPosition}: the coherency count of the last
 * packet sent, the session key, the RC4 offset) and whether the next packet carries the FLUSHED
 * bit (RFC 3078 8.2, after a Reset-Request). The start key and mode are initial state; the RC4
 * tables are calculable from the key and the offset. About 27 octets with MPPE-128.
 */
public record MppeEncryptorState(MppeCipherPosition position, boolean flushPending) {
    public MppeEncryptorState {
        Objects.requireNonNull(position);
    }

    public MppeEncryptorState(int coherencyCount, byte[] sessionKey, long keystreamOffset, boolean flushPending) {
        this(new MppeCipherPosition(coherencyCount, sessionKey, keystreamOffset), flushPending);
    }

    public int coherencyCount() {
        return position.coherencyCount();
    }

    /** A copy of the session key. */
    public byte[] sessionKey() {
        return position.sessionKey();
    }

    public long keystreamOffset() {
        return position.keystreamOffset();
    }
}
