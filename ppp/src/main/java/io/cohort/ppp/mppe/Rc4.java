package io.cohort.ppp.mppe;

import java.util.Arrays;

/**
 * RC4 (the cipher RFC 3078 section 5 names) with the state in an {@code int[]} and the key
 * schedule's key index wrapped by comparison instead of a remainder: MPPE's stateless mode
 * schedules a key twice for every packet (7.3), which made Bouncy Castle's {@code RC4Engine}
 * (a division per schedule step) the largest cost of a PPTP packet. Output is identical to any
 * RC4 (Rc4Test compares it with Bouncy Castle's). Not thread-safe.
 */
final class Rc4 {
    private final int[] state = new int[256];
    private int x;
    private int y;

    /** rc4_key(): (re-)initialises the state from {@code key} (1 to 256 octets). */
    void init(byte[] key) {
        if (key.length == 0 || key.length > 256) {
            throw new IllegalArgumentException("RC4 keys have 1 to 256 octets");
        }
        int[] s = state;
        for (int i = 0; i < 256; i++) {
            s[i] = i;
        }
        for (int i = 0, j = 0, k = 0; i < 256; i++) {
            int t = s[i];
            j = (j + t + (key[k] & 0xFF)) & 0xFF;
            s[i] = s[j];
            s[j] = t;
            if (++k == key.length) {
                k = 0;
            }
        }
        x = 0;
        y = 0;
    }

    /** Encrypts or decrypts {@code length} octets of {@code in} into {@code out} (may be the same array). */
    void process(byte[] in, int inOffset, int length, byte[] out, int outOffset) {
        int[] s = state;
        int a = x;
        int b = y;
        for (int i = 0; i < length; i++) {
            a = (a + 1) & 0xFF;
            int ta = s[a];
            b = (b + ta) & 0xFF;
            int tb = s[b];
            s[a] = tb;
            s[b] = ta;
            out[outOffset + i] = (byte) (in[inOffset + i] ^ s[(ta + tb) & 0xFF]);
        }
        x = a;
        y = b;
    }

    /** Wipes the state. */
    void wipe() {
        Arrays.fill(state, 0);
        x = 0;
        y = 0;
    }
}
