package io.cohort.ppp.mppe;

import java.util.Arrays;
import org.bouncycastle.crypto.digests.SHA1Digest;
import org.bouncycastle.crypto.engines.RC4Engine;
import org.bouncycastle.crypto.params.KeyParameter;

/**
 * One direction's RC4 state and session key (RFC 3078 sections 5 to 7), on Bouncy Castle's RC4
 * and SHA-1. A key change (7.3) reuses one digest and one interim-key buffer, so that stateless
 * mode, which changes the key before every packet, allocates little for it (Bouncy Castle's
 * {@link KeyParameter} copies the key: two small arrays per change). Secret: {@link #toString()}
 * never shows a key. Not thread-safe (one engine thread).
 *
 * <p>The RC4 tables are not carried when a link is rebuilt elsewhere (patent, figure 7: they are
 * calculable): they are the tables initialised with the session key (8.2's rc4_key) advanced by
 * the octets crypted since, so the session key and that octet count rebuild them exactly.
 */
final class MppeCipher {
    private final byte[] startKey;
    private final byte[] sessionKey;
    private final MppeStrength strength;
    private final RC4Engine rc4 = new RC4Engine();
    private final SHA1Digest sha1 = new SHA1Digest();
    private final byte[] digest = new byte[MppeKeyDerivation.SHA1_LENGTH];
    private final byte[] interim;
    private long keystreamOffset;

    MppeCipher(byte[] startKey, MppeStrength strength) {
        this.startKey = startKey.clone();
        this.strength = strength;
        this.sessionKey = MppeKeyDerivation.initialSessionKey(startKey, strength);
        this.interim = new byte[startKey.length];
        flush();
    }

    /**
     * A cipher resumed at {@code sessionKey} with its tables {@code keystreamOffset} octets past
     * their initialisation, as {@link #sessionKey()} and {@link #keystreamOffset()} left them.
     */
    MppeCipher(byte[] startKey, MppeStrength strength, byte[] sessionKey, long keystreamOffset) {
        if (sessionKey.length != startKey.length || keystreamOffset < 0) {
            throw new IllegalArgumentException("session key of " + sessionKey.length + " octets for a start key of "
                    + startKey.length + ", keystream offset " + keystreamOffset);
        }
        this.startKey = startKey.clone();
        this.strength = strength;
        this.sessionKey = sessionKey.clone();
        this.interim = new byte[startKey.length];
        flush();
        byte[] skip = new byte[(int) Math.min(keystreamOffset, 4096)];
        for (long left = keystreamOffset; left > 0; left -= skip.length) {
            crypt(skip, 0, (int) Math.min(left, skip.length));
        }
    }

    /**
     * The key change algorithm of RFC 3078 7.3: interim key from SHA, RC4 under it encrypts it into
     * the new session key, 40/56-bit reduction, and the tables re-initialised with the new key.
     */
    void changeKey() {
        MppeKeyDerivation.newKeyFromSha(sha1, digest, startKey, sessionKey, interim);
        rc4.init(true, new KeyParameter(interim));
        rc4.processBytes(interim, 0, interim.length, sessionKey, 0);
        Arrays.fill(interim, (byte) 0);
        strength.reduce(sessionKey);
        flush();
    }

    /** rc4_key(RC4Key, Length_Of_Key, SessionKey): re-initialise the tables with the current key (8.2). */
    void flush() {
        rc4.init(true, new KeyParameter(sessionKey));
        keystreamOffset = 0;
    }

    /** Encrypts or decrypts {@code length} octets in place (RC4 is its own inverse). */
    void crypt(byte[] data, int offset, int length) {
        rc4.processBytes(data, offset, length, data, offset);
        keystreamOffset += length;
    }

    /** A copy of the current session key, for the link's essential state. */
    byte[] sessionKey() {
        return sessionKey.clone();
    }

    /** Octets crypted since the tables were last initialised. */
    long keystreamOffset() {
        return keystreamOffset;
    }

    /** A copy of the current session key: for tests against the RFC's sample values only. */
    byte[] sessionKeyForTest() {
        return sessionKey.clone();
    }

    void destroy() {
        Arrays.fill(startKey, (byte) 0);
        Arrays.fill(sessionKey, (byte) 0);
        Arrays.fill(interim, (byte) 0);
        rc4.init(true, new KeyParameter(new byte[startKey.length])); // overwrite the tables
    }

    @Override
    public String toString() {
        return "MppeCipher[" + strength + ", redacted]";
    }
}
