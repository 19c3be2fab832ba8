package io.cohort.ppp.mppe;

import java.security.MessageDigest;
import java.util.Arrays;

/**
 * One direction's RC4 state and session key (RFC 3078 sections 5 to 7), on {@link Rc4}. A key
 * change (7.3) reuses one SHA-1 digest and one interim-key buffer, so that stateless mode, which
 * changes the key before every packet, allocates nothing for it. Secret: {@link #toString()}
 * never shows a key. Not thread-safe (one engine thread).
 */
final class MppeCipher {
    private final byte[] startKey;
    private final byte[] sessionKey;
    private final MppeStrength strength;
    private final Rc4 rc4 = new Rc4();
    private final MessageDigest sha1 = MppeKeyDerivation.newSha1();
    private final byte[] digest = new byte[MppeKeyDerivation.SHA1_LENGTH];
    private final byte[] interim;

    MppeCipher(byte[] startKey, MppeStrength strength) {
        this.startKey = startKey.clone();
        this.strength = strength;
        this.sessionKey = MppeKeyDerivation.initialSessionKey(startKey, strength);
        this.interim = new byte[startKey.length];
        flush();
    }

    /**
     * The key change algorithm of RFC 3078 7.3: interim key from SHA, RC4 under it encrypts it into
     * the new session key, 40/56-bit reduction, and the tables re-initialised with the new key.
     */
    void changeKey() {
        MppeKeyDerivation.newKeyFromSha(sha1, digest, startKey, sessionKey, interim);
        rc4.init(interim);
        rc4.process(interim, 0, interim.length, sessionKey, 0);
        Arrays.fill(interim, (byte) 0);
        strength.reduce(sessionKey);
        flush();
    }

    /** rc4_key(RC4Key, Length_Of_Key, SessionKey): re-initialise the tables with the current key (8.2). */
    void flush() {
        rc4.init(sessionKey);
    }

    /** Encrypts or decrypts {@code length} octets in place (RC4 is its own inverse). */
    void crypt(byte[] data, int offset, int length) {
        rc4.process(data, offset, length, data, offset);
    }

    /** A copy of the current session key: for tests against the RFC's sample values only. */
    byte[] sessionKeyForTest() {
        return sessionKey.clone();
    }

    void destroy() {
        Arrays.fill(startKey, (byte) 0);
        Arrays.fill(sessionKey, (byte) 0);
        Arrays.fill(interim, (byte) 0);
        rc4.wipe();
    }

    @Override
    public String toString() {
        return "MppeCipher[" + strength + ", redacted]";
    }
}
