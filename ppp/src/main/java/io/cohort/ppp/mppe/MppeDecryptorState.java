package io.cohort.ppp.mppe;

import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Objects;

/**
 * The essential state of one link's MPPE receiving direction (patent, figure 7: sent on each
 * change): the coherency count of the last packet decrypted (RFC 3078 8.1, 8.2), the current
 * session key (7.3), the octets the RC4 tables advanced since they were last initialised with it,
 * and whether packets are being discarded until one has FLUSHED set (stateful mode, 8.2). The
 * start key and mode are initial state; the RC4 tables are calculable from the key and the
 * offset. About 27 octets with MPPE-128 (count 2, key 16, offset 8, flag 1). Immutable; the
 * session key is a secret that {@link #toString()} never shows.
 */
public record MppeDecryptorState(int coherencyCount, byte[] sessionKey, long keystreamOffset, boolean awaitingFlush) {
    public MppeDecryptorState {
        if (coherencyCount < 0 || coherencyCount >= MppeHeader.COUNT_SPACE || keystreamOffset < 0) {
            throw new IllegalArgumentException("coherency count " + coherencyCount + ", offset " + keystreamOffset);
        }
        sessionKey = sessionKey.clone();
    }

    /** A copy of the session key. */
    @Override
    public byte[] sessionKey() {
        return sessionKey.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MppeDecryptorState s && coherencyCount == s.coherencyCount
                && keystreamOffset == s.keystreamOffset && awaitingFlush == s.awaitingFlush
                && MessageDigest.isEqual(sessionKey, s.sessionKey);
    }

    @Override
    public int hashCode() {
        return Objects.hash(coherencyCount, keystreamOffset, awaitingFlush, Arrays.hashCode(sessionKey));
    }

    @Override
    public String toString() {
        return "MppeDecryptorState[coherencyCount=" + coherencyCount + ", sessionKey=redacted, keystreamOffset="
                + keystreamOffset + ", awaitingFlush=" + awaitingFlush + "]";
    }
}
