package io.cohort.client;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** How a client session closes from the caller's thread, whatever carries it (L2TP call, PPTP call). */
public final class SessionClosing {
    private SessionClosing() {}

    /**
     * Runs {@code startClosing} on {@code engine} and waits up to {@code patience} for {@code down}.
     * Returns at once when the engine is already gone (the client is closed: nothing more to send),
     * and quietly after {@code patience} (the server's own timers clear what is left).
     */
    public static void closeAndAwait(Executor engine, Runnable startClosing, Future<?> down, Duration patience) {
        try {
            engine.execute(startClosing);
        } catch (RejectedExecutionException e) {
            return;
        }
        try {
            down.get(patience.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException e) {
            // the engine stopped or the peer never confirmed
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
