package io.cohort.ppp.crypto;

import java.security.MessageDigest;
import java.util.Arrays;

/**
 * What MPPE (RFC 3078) needs from an MS-CHAPv2 authentication: the 16-octet master key of
 * RFC 3079 section 3.4, from which send and receive session keys are derived. A secret:
 * {@link #toString()} never shows it.
 */
public final class MppeKeyMaterial {
    private final byte[] masterKey;

    public MppeKeyMaterial(byte[] masterKey) {
        if (masterKey.length != 16) {
            throw new IllegalArgumentException("master key must be 16 octets");
        }
        this.masterKey = masterKey.clone();
    }

    /** Derives the material from the password hash and the peer's NT-Response. */
    public static MppeKeyMaterial fromPasswordHash(byte[] passwordHash, byte[] ntResponse) {
        return new MppeKeyMaterial(MsChapV2.masterKey(MsChapV2.hashNtPasswordHash(passwordHash), ntResponse));
    }

    /** A copy of the master key. */
    public byte[] masterKey() {
        return masterKey.clone();
    }

    /** Overwrites the key, e.g. when the link goes down. */
    public void destroy() {
        Arrays.fill(masterKey, (byte) 0);
    }

    /** Same master key (compared in constant time). */
    @Override
    public boolean equals(Object o) {
        return o instanceof MppeKeyMaterial m && MessageDigest.isEqual(masterKey, m.masterKey);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(masterKey);
    }

    @Override
    public String toString() {
        return "MppeKeyMaterial[redacted]";
    }
}
