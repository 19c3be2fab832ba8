package io.cohort.telemetry;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The counters of one component instance (never static: several servers may share a JVM).
 * Names are dotted, e.g. {@code l2tp.rx.malformed}; {@link #snapshot()} is what operators see.
 */
public final class Counters {
    private final ConcurrentMap<String, Counter> byName = new ConcurrentHashMap<>();

    /** The counter with this name, created at zero on first use. */
    public Counter counter(String name) {
        return byName.computeIfAbsent(name, Counter::new);
    }

    /** Current value of a counter, zero if it was never created. */
    public long get(String name) {
        Counter c = byName.get(name);
        return c == null ? 0 : c.get();
    }

    /** All counters, sorted by name. */
    public Map<String, Long> snapshot() {
        Map<String, Long> out = new TreeMap<>();
        byName.forEach((k, v) -> out.put(k, v.get()));
        return out;
    }
}
