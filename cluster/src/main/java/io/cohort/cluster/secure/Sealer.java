package io.cohort.cluster.secure;

import io.cohort.cluster.member.MemberId;
import java.util.Objects;

/**
 * Seals this member's messages under one of its send keys: a pairwise session key (toward one
 * peer) or, on the master, the group key of its broadcasts. Sequence numbers start at 1 and
 * restart with each key; {@link #rekey()} moves a pairwise key to its next generation, which the
 * peer's {@link Opener} follows on its own.
 *
 * <p>A sealer's sequence number is the one thing that must never go back: its state is not
 * replicated or restored (a restored sealer would reuse nonces); a new owner gets new keys.
 */
public final class Sealer {
    private final MemberId self;
    private final Aead aead = new Aead();
    private TrafficKey key;
    private long lastSequence;

    public Sealer(MemberId self, TrafficKey key) {
        this.self = Objects.requireNonNull(self);
        this.key = Objects.requireNonNull(key);
    }

    /** The envelope of {@code payload} (see {@link SealedEnvelope} for its bytes). */
    public byte[] seal(byte[] payload) {
        if (lastSequence == -1L) { // 2^64 - 1 messages: unreachable in practice, fatal if reached
            throw new IllegalStateException("sequence numbers of key " + key + " are exhausted; rekey");
        }
        long sequence = ++lastSequence;
        return aead.seal(key, sequence, SealedEnvelope.header(self, key.keyId(), sequence), payload);
    }

    /** Switches to the next generation of the pairwise key; the old one is destroyed. */
    public void rekey() {
        TrafficKey next = key.next();
        key.destroy();
        key = next;
        lastSequence = 0;
    }

    public int keyId() {
        return key.keyId();
    }

    /** Messages sealed under the current key. */
    public long sealed() {
        return lastSequence;
    }

    @Override
    public String toString() {
        return "Sealer[" + self + ", " + key + ", sealed " + Long.toUnsignedString(lastSequence) + "]";
    }
}
