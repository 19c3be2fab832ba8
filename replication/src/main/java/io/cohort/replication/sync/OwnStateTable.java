package io.cohort.replication.sync;

import io.cohort.cluster.member.MemberId;
import io.cohort.cluster.unit.WorkUnit;
import io.cohort.replication.OwnerEpoch;
import io.cohort.replication.ReplicaStore;
import io.cohort.replication.UnitKey;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.LongSupplier;
import java.util.function.Predicate;

/**
 * The latest state of every key this member owns, and the outboxes of its peers, which it marks
 * dirty on each change (patent, figure 7: essential state sent on each change). Writers are the
 * engines, on any thread: a put or removal is one map update and one set insertion per connected
 * peer, never a wait.
 *
 * <p>Each unit this member publishes for has an ownership epoch (replication/README.md, "Ownership
 * epochs"), chosen at the unit's first put or removal since it was last forgotten: above every
 * epoch of the unit this member has seen (its {@link ReplicaStore}), and at least the clock's
 * microseconds, so that a member whose store missed its predecessors (it just started) still
 * follows them if clocks agree. A member that learns of a newer epoch of a unit it still
 * publishes for (it sees another member's put there, or a peer answers a put with
 * {@link io.cohort.replication.wire.ReplicationFrame.Outbid}: two owners at once, e.g. a member
 * that kept its units through a change of master while the new master gave them to another for a
 * moment) takes an epoch above it, at most once per {@link #REEPOCH_HOLD}, and sends every key of
 * the unit again under it, if it serves the unit (owns it under a valid lease, {@link #servedWhile}):
 * a former owner resuming from a pause, whose late frames are answered so, must not outbid the
 * unit's new owner.
 */
public final class OwnStateTable {
    /**
     * How long (microseconds) a unit keeps an epoch before it may take a newer one, so that two
     * owners do not outbid each other on every put.
     */
    public static final long REEPOCH_HOLD = 100_000;

    /** The epoch of a unit this member publishes for, and when (clock microseconds) it was chosen. */
    private record Ownership(long epoch, long chosenAt) {}

    private final ConcurrentMap<UnitKey, byte[]> states = new ConcurrentHashMap<>();
    /** Keys of forgotten units not yet sent to every peer ({@link #forget}). */
    private final ConcurrentMap<UnitKey, Leaving> leaving = new ConcurrentHashMap<>();
    /** Units published into since they were last forgotten (what a snapshot speaks for), with their epochs. */
    private final ConcurrentMap<WorkUnit, Ownership> covered = new ConcurrentHashMap<>();
    /** The last epoch this member chose for each unit, kept when it forgets the unit: its next one is above. */
    private final ConcurrentMap<WorkUnit, Long> lastEpochs = new ConcurrentHashMap<>();
    private final Collection<PeerOutbox> outboxes = new CopyOnWriteArrayList<>();
    private final MemberId self;
    private final ReplicaStore seen;
    private final LongSupplier micros;
    private volatile Predicate<WorkUnit> serving = unit -> true;

    /**
     * @param self   this member: whose epochs these are
     * @param seen   the replicas this member holds: the epochs others published, which this member's outbid
     * @param micros the clock (microseconds since 1970, the same on every member as far as clocks
     *               agree); each new ownership's epoch is at least its value
     */
    public OwnStateTable(MemberId self, ReplicaStore seen, LongSupplier micros) {
        this.self = Objects.requireNonNull(self);
        this.seen = Objects.requireNonNull(seen);
        this.micros = Objects.requireNonNull(micros);
    }

    /** Which units this member serves now (the cluster member's {@code serves}): only those take a newer epoch when outbid. */
    public void servedWhile(Predicate<WorkUnit> serves) {
        this.serving = Objects.requireNonNull(serves);
    }

    /** {@code state} is now {@code key}'s state; the table owns the array from now on. */
    public void put(UnitKey key, byte[] state) {
        boolean reepoched = own(key.unit());
        leaving.remove(key);
        states.put(key, state);
        for (PeerOutbox outbox : outboxes) {
            outbox.markDirty(key);
        }
        if (reepoched) {
            resend(key.unit());
        }
    }

    /** {@code key} no longer exists: each peer is sent a removal. */
    public void remove(UnitKey key) {
        boolean reepoched = own(key.unit());
        leaving.remove(key);
        if (states.remove(key) != null) {
            for (PeerOutbox outbox : outboxes) {
                outbox.markDirty(key);
            }
        }
        if (reepoched) {
            resend(key.unit());
        }
    }

    /** Gives {@code unit} an epoch if it has none, or a newer one if another member's outbid it; true for the latter. */
    private boolean own(WorkUnit unit) {
        boolean[] reepoched = {false};
        covered.compute(unit, (u, current) -> {
            long now = micros.getAsLong();
            Optional<OwnerEpoch> newest = seen.newest(u);
            long above = newest.map(OwnerEpoch::value).orElse(-1L);
            if (current == null) {
                return choose(u, now, above);
            }
            boolean outbid = newest.isPresent() && new OwnerEpoch(current.epoch(), self).isBefore(newest.get());
            if (outbid && now - current.chosenAt() >= REEPOCH_HOLD && serving.test(u)) {
                reepoched[0] = true;
                return choose(u, now, above);
            }
            return current;
        });
        return reepoched[0];
    }

    /** A new epoch for {@code unit}: above {@code above}, above this member's last one there, at least {@code now}. */
    private Ownership choose(WorkUnit unit, long now, long above) {
        long epoch = Math.max(now, Math.max(above, lastEpochs.getOrDefault(unit, -1L)) + 1);
        lastEpochs.put(unit, epoch);
        seen.claim(self, unit, epoch);
        return new Ownership(epoch, now);
    }

    /**
     * A peer found {@code unit} has an epoch of value {@code epoch} there, newer than what this
     * member sent: if this member still publishes for the unit under an epoch not above it, it
     * takes a newer one and sends the unit's keys again. Returns 0 when done (or nothing to do),
     * else how many microseconds to wait before asking again (the unit changed epoch less than
     * {@link #REEPOCH_HOLD} ago).
     */
    public long outbid(WorkUnit unit, long epoch) {
        long[] wait = {0};
        boolean[] reepoched = {false};
        covered.computeIfPresent(unit, (u, current) -> {
            if (current.epoch() > epoch || !serving.test(u)) {
                return current;
            }
            long now = micros.getAsLong();
            if (now - current.chosenAt() < REEPOCH_HOLD) {
                wait[0] = REEPOCH_HOLD - (now - current.chosenAt());
                return current;
            }
            reepoched[0] = true;
            return choose(u, now, Math.max(epoch, seen.newest(u).map(OwnerEpoch::value).orElse(-1L)));
        });
        if (reepoched[0]) {
            resend(unit);
        }
        return wait[0];
    }

    /** Marks every key of {@code unit} dirty again: sent under the unit's new epoch. */
    private void resend(WorkUnit unit) {
        for (UnitKey key : states.keySet()) {
            if (key.unit().equals(unit)) {
                for (PeerOutbox outbox : outboxes) {
                    outbox.markDirty(key);
                }
            }
        }
    }

    /**
     * Stops publishing {@code units} (their ownership ended): their keys leave the table without a
     * removal to anyone, since the new owner publishes them anew. What was put into them and not yet
     * sent to a peer still goes, under the units' last epoch ({@link #leaving}): a barrier asked for
     * before this call covers it, and the units' next owner rebuilds from the latest state (a
     * receiver that already heard of the next owner's epoch ignores it).
     */
    public void forget(Set<WorkUnit> units) {
        for (PeerOutbox outbox : outboxes) {
            for (UnitKey key : outbox.dirtyIn(units)) {
                Ownership o = covered.get(key.unit());
                if (o != null) {
                    leaving.put(key, new Leaving(o.epoch(), states.get(key)));
                }
            }
        }
        covered.keySet().removeAll(units);
        states.keySet().removeIf(k -> units.contains(k.unit()));
    }

    /** A key of a forgotten unit still to be sent: its last state (null: removed) and the unit's last epoch. */
    record Leaving(long epoch, byte[] state) {}

    /** What is still to be sent of {@code key}, forgotten with its unit; null if nothing. */
    Leaving leaving(UnitKey key) {
        return leaving.get(key);
    }

    /** An outbox sent {@code key}'s leaving state: dropped once no outbox has it to send. */
    void leavingSent(UnitKey key) {
        if (outboxes.stream().noneMatch(o -> o.isDirty(key))) {
            leaving.remove(key);
        }
    }

    /** After an outbox dropped its dirty keys (disconnected): leaving states nobody has to send go. */
    void pruneLeaving() {
        leaving.keySet().removeIf(key -> outboxes.stream().noneMatch(o -> o.isDirty(key)));
    }

    /**
     * As {@link #forget}, keeping each of the units' keys' last state among this member's replicas
     * ({@link ReplicaStore#keepReleased}): a unit that comes back to this member before anyone
     * else published it is rebuilt from there, not lost.
     */
    public void release(Set<WorkUnit> units) {
        Map<WorkUnit, Ownership> epochs = new HashMap<>();
        for (WorkUnit unit : units) {
            Ownership o = covered.get(unit);
            if (o != null) {
                epochs.put(unit, o);
            }
        }
        if (!epochs.isEmpty()) {
            states.forEach((key, state) -> {
                Ownership o = epochs.get(key.unit());
                if (o != null) {
                    seen.keepReleased(self, key.unit(), key.key(), o.epoch(), state);
                }
            });
        }
        forget(units);
    }

    /** {@code unit}'s epoch, or -1 if this member does not publish for it (it forgot it). */
    long epoch(WorkUnit unit) {
        Ownership o = covered.get(unit);
        return o == null ? -1 : o.epoch();
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
        return new TreeSet<>(covered.keySet());
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
