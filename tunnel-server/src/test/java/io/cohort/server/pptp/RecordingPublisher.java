package io.cohort.server.pptp;

import io.cohort.cluster.unit.WorkUnit;
import io.cohort.replication.StateKey;
import io.cohort.replication.UnitStatePublisher;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A publisher that records every put and removal, and what is held per key. Its methods may be
 * called from an engine thread while a test reads {@link #heldKeys()}; the fields are for
 * single-threaded tests.
 */
final class RecordingPublisher implements UnitStatePublisher {
    /** One call: a put ({@code state} non-null) or a removal. */
    record Event(WorkUnit unit, StateKey key, byte[] state) {
        boolean put() {
            return state != null;
        }
    }

    final List<Event> events = new ArrayList<>();
    final Map<StateKey, byte[]> held = new TreeMap<>();

    @Override
    public synchronized void put(WorkUnit unit, StateKey key, byte[] state) {
        events.add(new Event(unit, key, state));
        held.put(key, state);
    }

    @Override
    public synchronized void remove(WorkUnit unit, StateKey key) {
        events.add(new Event(unit, key, null));
        held.remove(key);
    }

    /** The keys held now, a copy. */
    synchronized List<StateKey> heldKeys() {
        return List.copyOf(held.keySet());
    }

    /** The spaces of the puts since the last call, in order, and forgets them. */
    List<Integer> drainPutSpaces() {
        List<Integer> spaces = events.stream().filter(Event::put).map(e -> e.key().space()).toList();
        events.clear();
        return spaces;
    }
}
