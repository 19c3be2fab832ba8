package io.cohort.cluster.secure;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.generators.HKDFBytesGenerator;
import org.bouncycastle.crypto.params.HKDFParameters;

/**
 * One ChaCha20-Poly1305 key of one sender, with the key id that names it in sealed envelopes.
 * Key ids with the top bit clear are pairwise session keys, numbered by generation from 0
 * ({@link #next()}); with the top bit set, group keys ({@link GroupKey}). The key bytes are never
 * printed; {@link #destroy()} overwrites them.
 */
public final class TrafficKey {
    public static final int LENGTH = 32;
    /** Set in the key id of group keys. */
    public static final int GROUP_BIT = 0x8000_0000;

    private static final byte[] REKEY_INFO = "cohort cluster rekey v1".getBytes(StandardCharsets.US_ASCII);

    private final int keyId;
    private final byte[] key;

    public TrafficKey(int keyId, byte[] key) {
        if (key.length != LENGTH) {
            throw new IllegalArgumentException("a traffic key has " + LENGTH + " bytes, not " + key.length);
        }
        this.keyId = keyId;
        this.key = key.clone();
    }

    public int keyId() {
        return keyId;
    }

    public boolean isGroupKey() {
        return (keyId & GROUP_BIT) != 0;
    }

    /**
     * The next generation (the rekey of a pairwise session, as WireGuard and TLS 1.3 KeyUpdate do
     * it): HKDF-Expand(this key, "cohort cluster rekey v1") with key id + 1. Both sides derive it
     * alone, so a sender can rotate without a message; knowing the new key does not give the old.
     */
    public TrafficKey next() {
        if (isGroupKey() || keyId == Integer.MAX_VALUE) {
            throw new IllegalStateException("key id " + Integer.toUnsignedString(keyId) + " has no next generation");
        }
        HKDFBytesGenerator hkdf = new HKDFBytesGenerator(new SHA256Digest());
        hkdf.init(HKDFParameters.skipExtractParameters(key, REKEY_INFO));
        byte[] next = new byte[LENGTH];
        hkdf.generateBytes(next, 0, LENGTH);
        TrafficKey result = new TrafficKey(keyId + 1, next);
        Arrays.fill(next, (byte) 0);
        return result;
    }

    /** The key bytes, for the AEAD and for a group key grant; callers must not keep or print them. */
    byte[] bytes() {
        return key;
    }

    public void destroy() {
        Arrays.fill(key, (byte) 0);
    }

    @Override
    public String toString() {
        return "TrafficKey[id " + Integer.toUnsignedString(keyId, 16) + ", redacted]";
    }
}
