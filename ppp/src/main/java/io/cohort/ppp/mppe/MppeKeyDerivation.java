package io.cohort.ppp.mppe;

import io.cohort.ppp.crypto.MsChapV2;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.bouncycastle.crypto.digests.SHA1Digest;

/**
 * The key derivation functions of RFC 3079 section 3.4 (GetMasterKey, GetAsymmetricStartKey) and
 * RFC 3078 section 7.3 (GetNewKeyFromSHA), named as there, on Bouncy Castle's SHA-1. Verified
 * against the sample derivations of RFC 3079 section 3.5. Returned arrays are fresh copies the
 * caller owns (and should wipe).
 */
public final class MppeKeyDerivation {
    /** SHSpad1/SHApad1 and SHSpad2/SHApad2: 40 octets of 0x00 and of 0xF2. */
    private static final byte[] PAD1 = new byte[40];
    static final int SHA1_LENGTH = 20;
    private static final byte[] PAD2 = filled(40, (byte) 0xF2);
    /** Magic2 and Magic3 of RFC 3079 3.4. */
    private static final byte[] MAGIC2 = ("On the client side, this is the send key; "
            + "on the server side, it is the receive key.").getBytes(StandardCharsets.US_ASCII);
    private static final byte[] MAGIC3 = ("On the client side, this is the receive key; "
            + "on the server side, it is the send key.").getBytes(StandardCharsets.US_ASCII);

    private MppeKeyDerivation() {}

    /** GetMasterKey: the first 16 octets of SHA1(PasswordHashHash || NTResponse || Magic1). */
    public static byte[] masterKey(byte[] passwordHashHash, byte[] ntResponse) {
        if (passwordHashHash.length != 16 || ntResponse.length != 24) {
            throw new IllegalArgumentException("need a 16-octet PasswordHashHash and a 24-octet NT-Response");
        }
        return MsChapV2.masterKey(passwordHashHash, ntResponse);
    }

    /**
     * GetAsymmetricStartKey: SHA1(MasterKey || SHSpad1 || s || SHSpad2) cut to {@code length},
     * where s is Magic3 for the server's send key and the client's receive key, else Magic2.
     */
    public static byte[] asymmetricStartKey(byte[] masterKey, int length, boolean isSend, boolean isServer) {
        if (masterKey.length != 16 || (length != 8 && length != 16)) {
            throw new IllegalArgumentException("need a 16-octet master key and a length of 8 or 16");
        }
        byte[] s = isSend == isServer ? MAGIC3 : MAGIC2;
        return Arrays.copyOf(sha1(masterKey, PAD1, s, PAD2), length);
    }

    /** GetNewKeyFromSHA: SHA1(StartKey || SHApad1 || SessionKey || SHApad2) cut to the key length. */
    public static byte[] newKeyFromSha(byte[] startKey, byte[] sessionKey) {
        byte[] key = new byte[startKey.length];
        newKeyFromSha(new SHA1Digest(), new byte[SHA1_LENGTH], startKey, sessionKey, key);
        return key;
    }

    /**
     * GetNewKeyFromSHA into {@code out} (the key length), with a reused {@code sha1} digest (reset
     * here) and a reused {@code digest} buffer of {@value #SHA1_LENGTH} octets (wiped afterwards):
     * the allocation-free form for {@link MppeCipher#changeKey}, once per packet in stateless mode.
     */
    static void newKeyFromSha(SHA1Digest sha1, byte[] digest, byte[] startKey, byte[] sessionKey, byte[] out) {
        if (startKey.length != sessionKey.length || out.length != startKey.length || digest.length != SHA1_LENGTH) {
            throw new IllegalArgumentException("start key, session key and output differ in length");
        }
        sha1.reset();
        sha1.update(startKey, 0, startKey.length);
        sha1.update(PAD1, 0, PAD1.length);
        sha1.update(sessionKey, 0, sessionKey.length);
        sha1.update(PAD2, 0, PAD2.length);
        sha1.doFinal(digest, 0);
        System.arraycopy(digest, 0, out, 0, out.length);
        Arrays.fill(digest, (byte) 0);
    }

    /**
     * The initial session key of RFC 3079 sections 3.1 to 3.3: GetNewKeyFromSHA(StartKey, StartKey),
     * then, for 40 and 56 bits, the leading octets set to their constants. Unlike a later key
     * change (RFC 3078 7.3) no RC4 pass is involved.
     */
    public static byte[] initialSessionKey(byte[] startKey, MppeStrength strength) {
        if (startKey.length != strength.keyLength()) {
            throw new IllegalArgumentException("a " + strength + " start key has " + strength.keyLength() + " octets");
        }
        byte[] key = newKeyFromSha(startKey, startKey);
        strength.reduce(key);
        return key;
    }

    private static byte[] sha1(byte[]... parts) {
        SHA1Digest d = new SHA1Digest();
        for (byte[] p : parts) {
            d.update(p, 0, p.length);
        }
        byte[] out = new byte[d.getDigestSize()];
        d.doFinal(out, 0);
        return out;
    }

    private static byte[] filled(int n, byte value) {
        byte[] b = new byte[n];
        Arrays.fill(b, value);
        return b;
    }
}
