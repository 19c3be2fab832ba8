package io.cohort.replication.sync;

import io.cohort.cluster.member.MemberId;
import io.cohort.cluster.unit.WorkUnit;
import io.cohort.replication.ReplicaStore;
import io.cohort.replication.UnitKey;
import java.util.Collection;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The latest state of every key this member owns, and the outboxes of its peers, which it marks
 * dirty on each change (patent, figure 7: essential state sent on each change). Writers are the
 * engines, on any thread: a put or removal is one map update and one set insertion per connected
 * peer, never a wait.
 */
public final class OwnStateTable {
    private final ConcurrentMap<UnitKey, byte[]> states = new ConcurrentHashMap<>();
    /** Units published into since they were last forgotten: what a snapshot speaks for. */
    private final Set<WorkUnit> covered = ConcurrentHashMap.newKeySet();
    private final Collection<PeerOutbox> outboxes = new CopyOnWriteArrayList<>();

    /** {@code state} is now {@code key}'s state; the table owns the array from now on. */
    public void put(UnitKey key, byte[] state) {
        covered.add(key.unit());
        states.put(key, state);
        for (PeerOutbox outbox : outboxes) {
            outbox.markDirty(key);
        }
    }

    /** {@code key} no longer exists: each peer is sent a removal. */
    public void remove(UnitKey key) {
        covered.add(key.unit());
        if (states.remove(key) != null) {
            for (PeerOutbox outbox : outboxes) {
                outbox.markDirty(key);
            }
        }
    }

    /**
     * Stops publishing {@code units} (their ownership ended): their keys leave the table without a
     * removal to anyone, since the new owner publishes them anew.
     */
    public void forget(Set<WorkUnit> units) {
        covered.removeAll(units);
        states.keySet().removeIf(k -> units.contains(k.unit()));
        for (PeerOutbox outbox : outboxes) {
            outbox.discard(units);
        }
    }

    /**
     * As {@link #forget}, keeping each of the units' keys' last state in {@code store} as
     * {@code self}'s own released replica ({@link ReplicaStore#keepReleased}): a unit that comes
     * back to this member before anyone else published it is rebuilt from there, not lost.
     */
    public void release(Set<WorkUnit> units, MemberId self, ReplicaStore store) {
        states.forEach((key, state) -> {
            if (units.contains(key.unit())) {
                store.keepReleased(self, key.unit(), key.key(), state);
            }
        });
        forget(units);
    }

    /** {@code key}'s latest state, null if it has none. */
    byte[] get(UnitKey key) {
        return states.get(key);
    }

    /**
     * The units this member publishes for: put into or removed from since they were last
     * forgotten. A snapshot speaks for these only (its receiver drops this member's keys there
     * that it did not carry); a copy.
     */
    SortedSet<WorkUnit> covered() {
        return new TreeSet<>(covered);
    }

    /** The keys, live: what a snapshot marks dirty. */
    Set<UnitKey> keys() {
        return states.keySet();
    }

    public int size() {
        return states.size();
    }

    void attach(PeerOutbox outbox) {
        outboxes.add(outbox);
    }

    void detach(PeerOutbox outbox) {
        outboxes.remove(outbox);
    }
}
