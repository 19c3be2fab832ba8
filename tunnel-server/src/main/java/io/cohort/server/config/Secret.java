package io.cohort.server.config;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * A shared secret from the configuration. Its {@link #toString()} never shows the value, so a
 * secret can sit inside records that are logged or printed. Code that needs the value asks for
 * it explicitly with {@link #bytes()}.
 */
public final class Secret {
    private static final Secret NONE = new Secret(new byte[0]);
    private final byte[] value;

    private Secret(byte[] value) {
        this.value = value;
    }

    /** The secret with this text, encoded as UTF-8 (empty text is {@link #none()}). */
    public static Secret of(String text) {
        return text.isEmpty() ? NONE : new Secret(text.getBytes(StandardCharsets.UTF_8));
    }

    /** No secret configured. */
    public static Secret none() {
        return NONE;
    }

    public boolean isPresent() {
        return value.length > 0;
    }

    /** A copy of the secret's bytes (UTF-8). */
    public byte[] bytes() {
        return value.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Secret s && MessageDigest.isEqual(value, s.value);
    }

    @Override
    public int hashCode() {
        return value.length;
    }

    /** Says whether a secret is set, never what it is. */
    @Override
    public String toString() {
        return isPresent() ? "Secret[set]" : "Secret[none]";
    }
}
