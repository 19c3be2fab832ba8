package io.cohort.ppp.crypto;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.bouncycastle.crypto.Digest;
import org.bouncycastle.crypto.digests.MD4Digest;
import org.bouncycastle.crypto.digests.SHA1Digest;
import org.bouncycastle.crypto.engines.DESEngine;
import org.bouncycastle.crypto.params.KeyParameter;

/**
 * MS-CHAPv2 algorithms, named as in RFC 2759 section 8 and verified against its section 9.2
 * example. Lightweight Bouncy Castle classes are used directly: no JCA provider lookup per call.
 */
public final class MsChapV2 {
    // RFC 2759 8.7
    private static final byte[] MAGIC1 = "Magic server to client signing constant".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] MAGIC2 = "Pad to make it do more than one iteration".getBytes(StandardCharsets.US_ASCII);
    // RFC 3079 3.4
    private static final byte[] MASTER_KEY_MAGIC = "This is the MPPE Master Key".getBytes(StandardCharsets.US_ASCII);

    private MsChapV2() {
    }

    /** NtPasswordHash (8.3): MD4 of the password in UTF-16LE ("unicode" in the RFC). */
    public static byte[] ntPasswordHash(String password) {
        byte[] unicode = password.getBytes(StandardCharsets.UTF_16LE);
        return digest(new MD4Digest(), unicode);
    }

    /** HashNtPasswordHash (8.4): MD4 of the password hash. */
    public static byte[] hashNtPasswordHash(byte[] passwordHash) {
        return digest(new MD4Digest(), passwordHash);
    }

    /** ChallengeHash (8.2): the first 8 octets of SHA1(PeerChallenge || AuthenticatorChallenge || UserName). */
    public static byte[] challengeHash(byte[] peerChallenge, byte[] authenticatorChallenge, String userName) {
        byte[] user = userName.getBytes(StandardCharsets.UTF_8);
        byte[] sha = digest(new SHA1Digest(), peerChallenge, authenticatorChallenge, user);
        byte[] out = new byte[8];
        System.arraycopy(sha, 0, out, 0, 8);
        return out;
    }

    /** ChallengeResponse (8.5): three DES encryptions of the challenge under the zero-padded hash. */
    public static byte[] challengeResponse(byte[] challenge, byte[] passwordHash) {
        byte[] zHash = new byte[21];
        System.arraycopy(passwordHash, 0, zHash, 0, 16);
        byte[] response = new byte[24];
        for (int i = 0; i < 3; i++) {
            desEncrypt(challenge, zHash, i * 7, response, i * 8);
        }
        return response;
    }

    /** GenerateNTResponse (8.1) from the password hash, so servers need no clear text. */
    public static byte[] generateNtResponse(byte[] authenticatorChallenge, byte[] peerChallenge,
                                            String userName, byte[] passwordHash) {
        return challengeResponse(challengeHash(peerChallenge, authenticatorChallenge, userName), passwordHash);
    }

    /** GenerateAuthenticatorResponse (8.7): the 42-character "S=" followed by 40 upper-case hex digits. */
    public static String generateAuthenticatorResponse(byte[] passwordHash, byte[] ntResponse,
                                                       byte[] peerChallenge, byte[] authenticatorChallenge,
                                                       String userName) {
        byte[] hashHash = hashNtPasswordHash(passwordHash);
        byte[] digest = digest(new SHA1Digest(), hashHash, ntResponse, MAGIC1);
        byte[] challenge = challengeHash(peerChallenge, authenticatorChallenge, userName);
        byte[] response = digest(new SHA1Digest(), digest, challenge, MAGIC2);
        return "S=" + HexFormat.of().withUpperCase().formatHex(response);
    }

    /** GetMasterKey (RFC 3079 3.4): the first 16 octets of SHA1(PasswordHashHash || NTResponse || Magic1). */
    public static byte[] masterKey(byte[] passwordHashHash, byte[] ntResponse) {
        byte[] sha = digest(new SHA1Digest(), passwordHashHash, ntResponse, MASTER_KEY_MAGIC);
        byte[] out = new byte[16];
        System.arraycopy(sha, 0, out, 0, 16);
        return out;
    }

    /** DesEncrypt (8.6): expands the 7-octet key to 8 with parity positions and encrypts one block. */
    private static void desEncrypt(byte[] clear, byte[] key7, int keyOffset, byte[] out, int outOffset) {
        byte[] key = new byte[8];
        long bits = 0;
        for (int i = 0; i < 7; i++) {
            bits = (bits << 8) | (key7[keyOffset + i] & 0xFF);
        }
        for (int i = 0; i < 8; i++) {
            key[i] = (byte) (((bits >>> (49 - 7 * i)) & 0x7F) << 1); // parity bit left clear: DES ignores it
        }
        DESEngine des = new DESEngine();
        des.init(true, new KeyParameter(key));
        des.processBlock(clear, 0, out, outOffset);
    }

    private static byte[] digest(Digest d, byte[]... parts) {
        for (byte[] p : parts) {
            d.update(p, 0, p.length);
        }
        byte[] out = new byte[d.getDigestSize()];
        d.doFinal(out, 0);
        return out;
    }
}
