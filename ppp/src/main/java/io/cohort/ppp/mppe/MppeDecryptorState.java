package io.cohort.ppp.mppe;

import java.util.Objects;

/**
 * The essential state of one link's MPPE receiving direction (patent, figure 7: sent on each
 * change): where its cipher stands ({@link MppeCipherPosition}: the coherency count of the last
 * packet decrypted, the session key, the RC4 offset) and whether packets are being discarded until
 * one has FLUSHED set (stateful mode, RFC 3078 8.2). The start key and mode are initial state; the
 * RC4 tables are calculable from the key and the offset. About 27 octets with MPPE-128.
 */
public record MppeDecryptorState(MppeCipherPosition position, boolean awaitingFlush) {
    public MppeDecryptorState {
        Objects.requireNonNull(position);
    }

    public MppeDecryptorState(int coherencyCount, byte[] sessionKey, long keystreamOffset, boolean awaitingFlush) {
        this(new MppeCipherPosition(coherencyCount, sessionKey, keystreamOffset), awaitingFlush);
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
