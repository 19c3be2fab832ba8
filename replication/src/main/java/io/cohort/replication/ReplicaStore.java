package io.cohort.replication;

import io.cohort.cluster.member.MemberId;
import io.cohort.cluster.unit.WorkUnit;
import java.util.Collections;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * The latest state other members published, per work unit and key: what a member rebuilds
 * sessions from when it takes a unit over. The newest put or removal of a key wins, whoever sent
 * it (a unit has one owner at a time; the member that takes it over publishes it anew). Thread
 * safe: replication writes from its event loop, takeover reads from the engine.
 */
public final class ReplicaStore {
    private final Map<WorkUnit, SortedMap<StateKey, Replica>> units = new TreeMap<>();
    /** Keys holding this member's own last state of a unit it gave up ({@link #keepReleased}). */
    private final Set<UnitKey> released = new HashSet<>();
    private long bytes;
    private int entries;

    /** One key's latest state and the member that published it. */
    public record Replica(MemberId origin, byte[] state) {
        public Replica {
            Objects.requireNonNull(origin);
            Objects.requireNonNull(state);
        }

        @Override
        public String toString() {
            // State holds session keys: never its content.
            return "Replica[origin=" + origin + ", " + state.length + " B]";
        }
    }

    /** {@code origin} published {@code state} under {@code key} in {@code unit}. */
    public synchronized void put(MemberId origin, WorkUnit unit, StateKey key, byte[] state) {
        if (!released.isEmpty()) { // the receive path: no key object per put while nothing is released
            released.remove(new UnitKey(unit, key));
        }
        Replica previous = units.computeIfAbsent(unit, u -> new TreeMap<>()).put(key, new Replica(origin, state));
        bytes += state.length - (previous == null ? 0 : previous.state().length);
        entries += previous == null ? 1 : 0;
    }

    /**
     * This member ({@code self}) gave up {@code unit}, whose {@code key} it last published as
     * {@code state}: the state stays here as a replica, so that if the unit comes back to this
     * member before anyone else published it, it is rebuilt rather than lost (its other holders
     * have it too). Whoever publishes the key next replaces it, and a removal from any member
     * deletes it: the unit's next owner is newer than this member's last state of it. A replica
     * of the key another member published is left as it is: it came after this member took the
     * unit over (which forgot the unit's replicas), from whoever owned the unit since.
     */
    public synchronized void keepReleased(MemberId self, WorkUnit unit, StateKey key, byte[] state) {
        SortedMap<StateKey, Replica> keys = units.get(unit);
        if (keys != null && keys.containsKey(key)) {
            return;
        }
        put(self, unit, key, state);
        released.add(new UnitKey(unit, key));
    }

    /** {@code key} in {@code unit} is gone. */
    public synchronized void remove(WorkUnit unit, StateKey key) {
        released.remove(new UnitKey(unit, key));
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
     * {@code key} in {@code unit} is gone, said {@code origin}: removed only if {@code origin} is
     * who published its current state, or if it is this member's own state of a unit it gave up
     * ({@link #keepReleased}). A removal from a former owner, late on the wire, thus never deletes
     * what the unit's new owner published since.
     */
    public synchronized void remove(MemberId origin, WorkUnit unit, StateKey key) {
        SortedMap<StateKey, Replica> keys = units.get(unit);
        Replica current = keys == null ? null : keys.get(key);
        if (current != null && (current.origin().equals(origin) || released.contains(new UnitKey(unit, key)))) {
            remove(unit, key);
        }
    }

    /**
     * Drops every key {@code origin} published in the {@code covered} units that is not in
     * {@code kept} (after {@code origin}'s snapshot: its keys there that the snapshot did not carry
     * are stale); returns how many were dropped. Its keys in other units stay: it no longer owns
     * them (it let them go, was paused or restarted), and their next owner rebuilds from them.
     */
    public synchronized int retain(MemberId origin, Set<WorkUnit> covered, Set<UnitKey> kept) {
        int dropped = 0;
        var unitIterator = units.entrySet().iterator();
        while (unitIterator.hasNext()) {
            var unit = unitIterator.next();
            if (!covered.contains(unit.getKey())) {
                continue;
            }
            var keyIterator = unit.getValue().entrySet().iterator();
            while (keyIterator.hasNext()) {
                var entry = keyIterator.next();
                UnitKey unitKey = new UnitKey(unit.getKey(), entry.getKey());
                if (entry.getValue().origin().equals(origin) && !kept.contains(unitKey)) {
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

    /** Forgets every key of {@code unit} (after its new owner rebuilt it, or gave up on it). */
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
