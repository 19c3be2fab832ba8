package io.cohort.server.pptp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Catches log records (java.util.logging, which Netty and System.Logger use here) that carry a
 * throwable other than an I/O error: an exception that escaped a task on the engine loop (Netty
 * logs and swallows those) or a handler. Installed on the root logger until closed.
 */
final class EscapedExceptions extends Handler implements AutoCloseable {
    private final List<LogRecord> records = new CopyOnWriteArrayList<>();

    static EscapedExceptions install() {
        EscapedExceptions h = new EscapedExceptions();
        Logger.getLogger("").addHandler(h);
        return h;
    }

    @Override
    public void publish(LogRecord r) {
        if (r.getThrown() != null && !(r.getThrown() instanceof IOException)) {
            records.add(r);
        }
    }

    void assertNone() {
        assertThat(records).as("exceptions logged: %s", records.stream()
                .map(r -> r.getLoggerName() + ": " + r.getMessage() + ": " + r.getThrown()).toList()).isEmpty();
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
        Logger.getLogger("").removeHandler(this);
    }
}
