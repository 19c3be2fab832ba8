package io.cohort.telemetry;

import io.cohort.time.Clock;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Log lines about bad input, limited per key so that a hostile peer cannot flood the log.
 *
 * <p>Each key (e.g. {@code "l2tp.malformed"}) may log {@code burst} lines per {@code interval};
 * lines beyond that are counted, and the next line that is allowed reports how many were
 * suppressed. Callers must never put secrets into the message or its arguments.
 */
public final class RateLimitedLog {
    private final Logger logger;
    private final Clock clock;
    private final long intervalNanos;
    private final int burst;
    private final ConcurrentMap<String, Window> windows = new ConcurrentHashMap<>();

    public RateLimitedLog(Logger logger, Clock clock, Duration interval, int burst) {
        this.logger = logger;
        this.clock = clock;
        this.intervalNanos = interval.toNanos();
        this.burst = burst;
    }

    /** Ten lines per key per ten seconds. */
    public static RateLimitedLog standard(Logger logger, Clock clock) {
        return new RateLimitedLog(logger, clock, Duration.ofSeconds(10), 10);
    }

    /**
     * Logs {@code format} (a {@link String#format} pattern) with {@code args} unless the key is
     * over its budget. Returns true if the line was written.
     */
    public boolean log(Level level, String key, String format, Object... args) {
        Window w = windows.computeIfAbsent(key, k -> new Window());
        long suppressed;
        synchronized (w) {
            long now = clock.nanos();
            if (now - w.start >= intervalNanos || w.start == Long.MIN_VALUE) {
                w.start = now;
                w.used = 0;
            }
            if (w.used >= burst) {
                w.suppressed++;
                return false;
            }
            w.used++;
            suppressed = w.suppressed;
            w.suppressed = 0;
        }
        if (logger.isLoggable(level)) {
            String line = String.format(format, args);
            if (suppressed > 0) {
                line = line + " (" + suppressed + " similar lines suppressed)";
            }
            logger.log(level, line);
        }
        return true;
    }

    private static final class Window {
        long start = Long.MIN_VALUE;
        int used;
        long suppressed;
    }
}
