package io.cohort.l2tp.wire;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The MD5 hiding of attribute values, RFC 2661 section 4.3:
 *
 * <pre>
 * b1 = MD5(attribute type (2 octets) + S + RV)   c(1) = p1 xor b1
 * bi = MD5(S + c(i-1))                           c(i) = pi xor bi
 * </pre>
 *
 * where the plaintext is the Hidden AVP Subformat (original length, value, padding). A last
 * segment shorter than 16 octets is XORed with the leading octets of its hash only.
 */
final class AvpHiding {
    private static final int BLOCK = 16;

    private AvpHiding() {}

    /** Hides {@code subformat} in place. */
    static void hide(int attributeType, byte[] secret, byte[] randomVector, byte[] subformat) {
        MessageDigest md5 = md5();
        byte[] hash = firstHash(md5, attributeType, secret, randomVector);
        for (int off = 0; off < subformat.length; off += BLOCK) {
            if (off > 0) {
                md5.update(secret);
                md5.update(subformat, off - BLOCK, BLOCK); // c(i-1): already ciphertext
                hash = md5.digest();
            }
            xor(subformat, off, hash);
        }
    }

    /** Reverses {@link #hide} in place. */
    static void unhide(int attributeType, byte[] secret, byte[] randomVector, byte[] hidden) {
        MessageDigest md5 = md5();
        byte[] hash = firstHash(md5, attributeType, secret, randomVector);
        for (int off = 0; off < hidden.length; off += BLOCK) {
            byte[] next = null;
            if (off + BLOCK < hidden.length) {
                md5.update(secret);
                md5.update(hidden, off, BLOCK); // c(i) while it is still ciphertext
                next = md5.digest();
            }
            xor(hidden, off, hash);
            hash = next;
        }
    }

    private static byte[] firstHash(MessageDigest md5, int attributeType, byte[] secret, byte[] rv) {
        md5.update((byte) (attributeType >>> 8));
        md5.update((byte) attributeType);
        md5.update(secret);
        md5.update(rv);
        return md5.digest();
    }

    private static void xor(byte[] data, int off, byte[] hash) {
        int n = Math.min(BLOCK, data.length - off);
        for (int i = 0; i < n; i++) {
            data[off + i] ^= hash[i];
        }
    }

    static MessageDigest md5() {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform must provide MD5", e);
        }
    }
}
