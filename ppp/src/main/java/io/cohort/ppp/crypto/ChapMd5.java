package io.cohort.ppp.crypto;

import java.nio.charset.StandardCharsets;
import org.bouncycastle.crypto.digests.MD5Digest;

/** CHAP with MD5 (RFC 1994 section 4.1, algorithm 5): Response = MD5(Identifier || secret || Challenge). */
public final class ChapMd5 {
    private ChapMd5() {
    }

    public static byte[] response(int identifier, byte[] secret, byte[] challenge) {
        MD5Digest md5 = new MD5Digest();
        md5.update((byte) identifier);
        md5.update(secret, 0, secret.length);
        md5.update(challenge, 0, challenge.length);
        byte[] out = new byte[16];
        md5.doFinal(out, 0);
        return out;
    }

    public static byte[] response(int identifier, String secret, byte[] challenge) {
        return response(identifier, secret.getBytes(StandardCharsets.UTF_8), challenge);
    }
}
