package io.cohort.telemetry;

import java.util.concurrent.atomic.LongAdder;

/** A named monotonically increasing count, safe to bump from any thread. */
public final class Counter {
    private final String name;
    private final LongAdder value = new LongAdder();

    Counter(String name) {
        this.name = name;
    }

    public String name() {
        return name;
    }

    public void increment() {
        value.increment();
    }

    public void add(long n) {
        value.add(n);
    }

    public long get() {
        return value.sum();
    }
}
