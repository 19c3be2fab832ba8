package io.cohort.replication;

import io.cohort.cluster.member.MemberId;
import io.cohort.cluster.unit.WorkUnit;
import java.util.Collections;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * The latest state other members published, per work unit and key: what a member rebuilds
 * sessions from when it takes a unit over. Frames are ordered by the {@link OwnerEpoch} they carry
 * (replication/README.md, "Ownership epochs"): a put or removal older than the newest one of its
 * unit seen here is stale (a former owner's, late on the wire) and changes nothing, so a unit's new
 * owner's state is never overwritten or deleted by its former owner, and the new owner's removals
 * delete what the former owner published. Thread safe: replication writes from its event loop,
 * takeover reads from the engine.
 *
 * <p>A member also keeps here its own last state of the units it let go of
 * ({@link #keepReleased}): a fallback only, which any put or removal of the key replaces and which
 * sets no epoch.
 */
public final class ReplicaStore {
    private final Map<WorkUnit, SortedMap<StateKey, Replica>> units = new TreeMap<>();
    /** The newest epoch of each unit seen in a put or removal; kept when the unit's keys are forgotten. */
    private final OwnerEpoch[] newest = new OwnerEpoch[WorkUnit.COUNT];
    /** Keys holding this member's own last state of a unit it gave up ({@link #keepReleased}). */
    private final Set<UnitKey> released = new HashSet<>();
    private long bytes;
    private int entries;
    private long stale;

    /** One key's latest state, the member that published it and in which of its epochs. */
    public record Replica(OwnerEpoch epoch, byte[] state) {
        public Replica {
            Objects.requireNonNull(epoch);
            Objects.requireNonNull(state);
        }

        public MemberId origin() {
            return epoch.origin();
        }

        @Override
        public String toString() {
            // State holds session keys: never its content.
            return "Replica[" + epoch + ", " + state.length + " B]";
        }
    }

    /**
     * {@code origin} published {@code state} under {@code key} in {@code unit}, in its ownership
     * epoch {@code epoch}; returns false, changing nothing, if that is older than the unit's newest
     * epoch seen here (a former owner's late put).
     */
    public synchronized boolean put(MemberId origin, WorkUnit unit, StateKey key, long epoch, byte[] state) {
        OwnerEpoch by = new OwnerEpoch(epoch, origin);
        if (!current(unit, by)) {
            return false;
        }
        if (!released.isEmpty()) { // the receive path: no key object per put while nothing is released
            released.remove(new UnitKey(unit, key));
        }
        Replica previous = units.computeIfAbsent(unit, u -> new TreeMap<>()).put(key, new Replica(by, state));
        bytes += state.length - (previous == null ? 0 : previous.state().length);
        entries += previous == null ? 1 : 0;
        return true;
    }

    /**
     * {@code key} in {@code unit} is gone, said {@code origin} in its epoch {@code epoch}: removed
     * unless that is older than the unit's newest epoch seen here (returns false then). A former
     * owner's late removal thus never deletes what the unit's new owner published since, and the new
     * owner's removal deletes the former owner's state of the key.
     */
    public synchronized boolean remove(MemberId origin, WorkUnit unit, StateKey key, long epoch) {
        if (!current(unit, new OwnerEpoch(epoch, origin))) {
            return false;
        }
        drop(unit, key);
        return true;
    }

    /**
     * This member ({@code self}) gave up {@code unit}, whose {@code key} it last published as
     * {@code state} in its epoch {@code epoch}: the state stays here, so that if the unit comes back
     * to this member before anyone else published it, it is rebuilt rather than lost (its other
     * holders have it too). A replica of the key another member published is left as it is. The
     * copy sets no epoch for the unit, and any put or removal of the key replaces it: the member
     * that published since is the one that owned the unit since (or the one that kept it all along
     * while this member took it over for a moment, during a change of master).
     */
    public synchronized void keepReleased(MemberId self, WorkUnit unit, StateKey key, long epoch, byte[] state) {
        SortedMap<StateKey, Replica> keys = units.computeIfAbsent(unit, u -> new TreeMap<>());
        if (keys.containsKey(key)) {
            return;
        }
        keys.put(key, new Replica(new OwnerEpoch(epoch, self), state));
        bytes += state.length;
        entries++;
        released.add(new UnitKey(unit, key));
    }

    /**
     * This member ({@code self}) publishes {@code unit} from now on under {@code epoch}: a newer
     * epoch than any seen here, which it records, so that its store too takes a former owner's late
     * frames for stale rather than as newer than what this member rebuilt (and answers them so).
     */
    public synchronized void claim(MemberId self, WorkUnit unit, long epoch) {
        current(unit, new OwnerEpoch(epoch, self));
    }

    /** Whether {@code by} is the unit's newest epoch (recording it if it is newer); counts a stale one. */
    private boolean current(WorkUnit unit, OwnerEpoch by) {
        OwnerEpoch seen = newest[unit.value()];
        if (seen != null && by.isBefore(seen)) {
            stale++;
            return false;
        }
        newest[unit.value()] = by;
        return true;
    }

    /** The newest epoch of {@code unit} seen in a put or removal, if any: the floor of this member's next epoch there. */
    public synchronized Optional<OwnerEpoch> newest(WorkUnit unit) {
        return Optional.ofNullable(newest[unit.value()]);
    }

    /** How many puts and removals were stale: older than their unit's newest epoch. */
    public synchronized long stale() {
        return stale;
    }

    private void drop(WorkUnit unit, StateKey key) {
        if (!released.isEmpty()) {
            released.remove(new UnitKey(unit, key));
        }
        SortedMap<StateKey, Replica> keys = units.get(unit);
        if (keys == null) {
            return;
        }
        Replica previous = keys.remove(key);
        if (previous != null) {
            bytes -= previous.state().length;
            entries--;
        }
        if (keys.isEmpty()) {
            units.remove(unit);
        }
    }

    /**
     * After {@code origin}'s snapshot, which carried {@code kept}: in the {@code covered} units (those
     * it publishes for now), drops its keys the snapshot did not carry, they are stale; where
     * {@code origin} is also the unit's newest owner here, drops every other key it did not carry
     * too (a former owner's, or this member's own fallback copy of it: the owner removed the key or
     * never took it over). Returns how many were dropped. Its keys in other units stay: it no longer
     * owns them (it let them go, was paused or restarted), and their next owner rebuilds from them.
     */
    public synchronized int retain(MemberId origin, Set<WorkUnit> covered, Set<UnitKey> kept) {
        int dropped = 0;
        var unitIterator = units.entrySet().iterator();
        while (unitIterator.hasNext()) {
            var unit = unitIterator.next();
            if (!covered.contains(unit.getKey())) {
                continue;
            }
            OwnerEpoch owner = newest[unit.getKey().value()];
            boolean newestOwner = owner != null && owner.origin().equals(origin);
            var keyIterator = unit.getValue().entrySet().iterator();
            while (keyIterator.hasNext()) {
                var entry = keyIterator.next();
                UnitKey unitKey = new UnitKey(unit.getKey(), entry.getKey());
                if (!kept.contains(unitKey) && (newestOwner || entry.getValue().origin().equals(origin))) {
                    released.remove(unitKey);
                    bytes -= entry.getValue().state().length;
                    entries--;
                    dropped++;
                    keyIterator.remove();
                }
            }
            if (unit.getValue().isEmpty()) {
                unitIterator.remove();
            }
        }
        return dropped;
    }

    /**
     * Forgets every key of {@code unit} (after its new owner rebuilt it, or gave up on it); its
     * newest epoch stays.
     */
    public synchronized void forget(WorkUnit unit) {
        released.removeIf(k -> k.unit().equals(unit));
        SortedMap<StateKey, Replica> keys = units.remove(unit);
        if (keys != null) {
            keys.values().forEach(r -> bytes -= r.state().length);
            entries -= keys.size();
        }
    }

    /**
     * Forgets the keys of {@code unit} that {@code which} selects: a protocol that rebuilt its own
     * records of a unit (other protocols publish into the same unit under other spaces).
     */
    public synchronized void forget(WorkUnit unit, Predicate<StateKey> which) {
        SortedMap<StateKey, Replica> keys = units.get(unit);
        if (keys == null) {
            return;
        }
        keys.entrySet().removeIf(e -> {
            if (!which.test(e.getKey())) {
                return false;
            }
            released.remove(new UnitKey(unit, e.getKey()));
            bytes -= e.getValue().state().length;
            entries--;
            return true;
        });
        if (keys.isEmpty()) {
            units.remove(unit);
        }
    }

    /** Every key of {@code unit} and its latest state, in key order; a copy. */
    public synchronized SortedMap<StateKey, Replica> unit(WorkUnit unit) {
        SortedMap<StateKey, Replica> keys = units.get(unit);
        return keys == null ? Collections.emptySortedMap() : Collections.unmodifiableSortedMap(new TreeMap<>(keys));
    }

    /** How many keys are held, over all units. */
    public synchronized int entries() {
        return entries;
    }

    /** How many octets of state are held, over all units. */
    public synchronized long bytes() {
        return bytes;
    }
}
