package io.cohort.ppp.mppe;

import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Objects;

/**
 * Where one MPPE direction's cipher stands: the coherency count of its last packet (RFC 3078
 * 3.1, 8.1), the current session key (7.3) and the octets the RC4 tables advanced since they were
 * last initialised with it, from which the tables are rebuilt. The sending and the receiving
 * direction's essential state share it ({@link MppeEncryptorState}, {@link MppeDecryptorState}).
 * About 26 octets with MPPE-128 (count 2, key 16, offset 8). Immutable; the session key is a
 * secret that {@link #toString()} never shows.
 */
public record MppeCipherPosition(int coherencyCount, byte[] sessionKey, long keystreamOffset) {
    public MppeCipherPosition {
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
        return o instanceof MppeCipherPosition p && coherencyCount == p.coherencyCount
                && keystreamOffset == p.keystreamOffset && MessageDigest.isEqual(sessionKey, p.sessionKey);
    }

    @Override
    public int hashCode() {
        return Objects.hash(coherencyCount, keystreamOffset, Arrays.hashCode(sessionKey));
    }

    @Override
    public String toString() {
        return "MppeCipherPosition[coherencyCount=" + coherencyCount + ", sessionKey=redacted, keystreamOffset="
                + keystreamOffset + "]";
    }
}
