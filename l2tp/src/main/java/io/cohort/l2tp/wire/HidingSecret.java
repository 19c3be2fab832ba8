package io.cohort.l2tp.wire;

import java.util.Arrays;

/**
 * The tunnel's shared secret, used to hide AVPs (RFC 2661 section 4.3) and for tunnel
 * authentication (5.1.1). It never appears in {@link #toString()}; equality is by identity so
 * that it cannot be probed through collections.
 */
public final class HidingSecret {
    private final byte[] secret;

    private HidingSecret(byte[] secret) {
        this.secret = secret;
    }

    /** Wraps a copy of the secret. An empty secret is allowed by the RFC but not recommended. */
    public static HidingSecret of(byte[] secret) {
        return new HidingSecret(secret.clone());
    }

    /** The secret's octets; callers must not log or keep them longer than needed. */
    public byte[] bytes() {
        return secret.clone();
    }

    /** The secret without a copy, for hashing inside this package. */
    byte[] raw() {
        return secret;
    }

    /** Overwrites the secret with zeros, e.g. when a tunnel is torn down. */
    public void destroy() {
        Arrays.fill(secret, (byte) 0);
    }

    @Override
    public String toString() {
        return "HidingSecret[redacted]";
    }
}
