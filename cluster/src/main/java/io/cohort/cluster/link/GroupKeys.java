package io.cohort.cluster.link;

import io.cohort.cluster.member.MemberId;
import io.cohort.cluster.secure.GroupKey;
import io.cohort.cluster.secure.Opener;
import io.cohort.cluster.secure.Sealer;
import io.cohort.cluster.secure.TrafficKey;
import java.security.SecureRandom;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The group keys of the master's broadcasts. As master: the key its keepalives are sealed with,
 * made when it first broadcasts and rotated when a member leaves, so that a departed member
 * cannot read, nor forge, what follows; the new key is granted to every remaining member before
 * it is used ({@link #rotate}, {@link #switchToNext}). As a member: the keys masters granted it,
 * the two newest per master (the current one and the one it is replacing).
 */
final class GroupKeys {
    private static final int KEPT_PER_OWNER = 2;

    private final MemberId self;
    private final SecureRandom random;
    private final Opener opener;
    private GroupKey current;
    private Sealer sealer;
    private GroupKey next;
    private final Map<MemberId, Deque<Integer>> installed = new HashMap<>();

    GroupKeys(MemberId self, SecureRandom random, Opener opener) {
        this.self = self;
        this.random = random;
        this.opener = opener;
    }

    /** The master's sealer for broadcasts, made on first use. */
    Sealer sealer() {
        if (sealer == null) {
            current = fresh();
            sealer = current.sealer();
        }
        return sealer;
    }

    /** The grants a member gets at join: the key in use, and the next one mid-rotation. */
    List<GroupKey> forJoiner() {
        sealer();
        return next != null ? List.of(current, next) : List.of(current);
    }

    /** Whether {@code key} is the one a rotation under way will switch to. */
    boolean rotatingTo(GroupKey key) {
        return next == key;
    }

    /** Starts a rotation: the key to grant to every member, used from {@link #switchToNext} on. */
    GroupKey rotate() {
        next = fresh();
        return next;
    }

    void switchToNext() {
        if (next != null) {
            current = next;
            sealer = current.sealer();
            next = null;
        }
    }

    /** This node is no longer master: its keys are forgotten; a new reign makes new ones. */
    void dropOwn() {
        current = null;
        sealer = null;
        next = null;
    }

    /** A master granted us {@code key}: install it, keeping its previous one for messages in flight. */
    void install(GroupKey key) {
        Deque<Integer> ids = installed.computeIfAbsent(key.owner(), o -> new ArrayDeque<>());
        int id = key.key().keyId();
        if (ids.contains(id)) {
            ids.remove(id);
        }
        opener.installGroupKey(key);
        ids.addLast(id);
        while (ids.size() > KEPT_PER_OWNER) {
            opener.retireGroupKey(key.owner(), ids.removeFirst());
        }
    }

    private GroupKey fresh() {
        int previous = current == null ? 0 : current.key().keyId() & ~TrafficKey.GROUP_BIT;
        int serial;
        do {
            serial = random.nextInt() & ~TrafficKey.GROUP_BIT;
        } while (serial == previous);
        return GroupKey.generate(self, serial, random);
    }
}
