package io.cohort.cluster.secure;

import org.bouncycastle.crypto.InvalidCipherTextException;
import org.bouncycastle.crypto.modes.ChaCha20Poly1305;
import org.bouncycastle.crypto.params.AEADParameters;
import org.bouncycastle.crypto.params.KeyParameter;

/**
 * ChaCha20-Poly1305 (RFC 8439) through Bouncy Castle, with the envelope's nonce: four zero bytes
 * and the 64-bit sequence number. One instance per sealer or opener (not thread-safe).
 */
final class Aead {
    static final int NONCE_LENGTH = 12;

    private final ChaCha20Poly1305 cipher = new ChaCha20Poly1305();
    private final byte[] nonce = new byte[NONCE_LENGTH];

    /** {@code header} (associated data) followed by the ciphertext and tag of {@code payload}. */
    byte[] seal(TrafficKey key, long sequence, byte[] header, byte[] payload) {
        cipher.init(true, parameters(key, sequence, header));
        byte[] out = new byte[header.length + payload.length + SealedEnvelope.TAG_LENGTH];
        System.arraycopy(header, 0, out, 0, header.length);
        int n = cipher.processBytes(payload, 0, payload.length, out, header.length);
        try {
            cipher.doFinal(out, header.length + n);
        } catch (InvalidCipherTextException e) {
            throw new IllegalStateException("encryption cannot fail", e);
        }
        return out;
    }

    /** The payload of {@code envelope}, or null if its tag does not verify under {@code key}. */
    byte[] open(TrafficKey key, SealedEnvelope header, byte[] envelope) {
        byte[] aad = java.util.Arrays.copyOf(envelope, header.headerLength());
        cipher.init(false, parameters(key, header.sequence(), aad));
        int sealedLength = envelope.length - header.headerLength();
        byte[] out = new byte[sealedLength - SealedEnvelope.TAG_LENGTH];
        try {
            int n = cipher.processBytes(envelope, header.headerLength(), sealedLength, out, 0);
            cipher.doFinal(out, n);
            return out;
        } catch (InvalidCipherTextException e) {
            java.util.Arrays.fill(out, (byte) 0);
            return null;
        }
    }

    private AEADParameters parameters(TrafficKey key, long sequence, byte[] aad) {
        for (int i = 0; i < 8; i++) {
            nonce[4 + i] = (byte) (sequence >>> (56 - 8 * i));
        }
        return new AEADParameters(new KeyParameter(key.bytes()), SealedEnvelope.TAG_LENGTH * 8, nonce.clone(), aad);
    }
}
