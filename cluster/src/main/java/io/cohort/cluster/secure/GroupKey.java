package io.cohort.cluster.secure;

import io.cohort.cluster.member.MemberId;
import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.util.Objects;

/**
 * The master's broadcast key (its keepalives carry the member list and assignments to everyone,
 * figure 8B): made by the master, sent to each member at join inside their pairwise session as an
 * opaque grant ({@link #grant()}), installed with {@link Opener#installGroupKey}. Only its owner
 * seals with it, so its nonces stay unique; a new master makes a new one, and the master should
 * rotate it (a new id) when a member leaves, so that a departed member cannot read what follows.
 * Being symmetric, it does not stop a current member from forging a broadcast as the master.
 *
 * <p>Grant payload: version 1 (1 byte), key id (4 bytes, group bit set), key (32 bytes).
 */
public final class GroupKey {
    static final int GRANT_VERSION = 1;
    static final int GRANT_LENGTH = 1 + 4 + TrafficKey.LENGTH;

    private final MemberId owner;
    private final TrafficKey key;

    public GroupKey(MemberId owner, TrafficKey key) {
        this.owner = Objects.requireNonNull(owner);
        this.key = Objects.requireNonNull(key);
        if (!key.isGroupKey()) {
            throw new IllegalArgumentException("a group key's id has the group bit set: " + key);
        }
    }

    /** A fresh group key of {@code owner} numbered {@code serial} (its id is {@code serial} with the group bit). */
    public static GroupKey generate(MemberId owner, int serial, SecureRandom random) {
        byte[] bytes = new byte[TrafficKey.LENGTH];
        random.nextBytes(bytes);
        GroupKey key = new GroupKey(owner, new TrafficKey(TrafficKey.GROUP_BIT | serial, bytes));
        java.util.Arrays.fill(bytes, (byte) 0);
        return key;
    }

    /** The grant payload for a member; seal it with that member's pairwise {@link Sealer} only. */
    public byte[] grant() {
        return ByteBuffer.allocate(GRANT_LENGTH).put((byte) GRANT_VERSION).putInt(key.keyId()).put(key.bytes()).array();
    }

    /** The group key in a grant that arrived from {@code owner} over its pairwise session. */
    public static GroupKey fromGrant(MemberId owner, byte[] grant) throws EnvelopeFormatException {
        if (grant.length != GRANT_LENGTH || grant[0] != GRANT_VERSION) {
            throw new EnvelopeFormatException("not a version " + GRANT_VERSION + " group key grant of " + GRANT_LENGTH + " bytes");
        }
        ByteBuffer in = ByteBuffer.wrap(grant, 1, GRANT_LENGTH - 1);
        int keyId = in.getInt();
        if ((keyId & TrafficKey.GROUP_BIT) == 0) {
            throw new EnvelopeFormatException("the granted key id has no group bit");
        }
        byte[] bytes = new byte[TrafficKey.LENGTH];
        in.get(bytes);
        GroupKey key = new GroupKey(owner, new TrafficKey(keyId, bytes));
        java.util.Arrays.fill(bytes, (byte) 0);
        return key;
    }

    public MemberId owner() {
        return owner;
    }

    public TrafficKey key() {
        return key;
    }

    /** The owner's sealer for broadcasts. */
    public Sealer sealer() {
        return new Sealer(owner, key);
    }

    @Override
    public String toString() {
        return "GroupKey[" + owner + ", " + key + "]";
    }
}
