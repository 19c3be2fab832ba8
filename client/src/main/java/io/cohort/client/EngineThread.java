package io.cohort.client;

import io.cohort.time.ExecutorScheduler;
import io.cohort.time.Scheduler;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The single thread that drives a client's protocol engines (ARCHITECTURE.md, "Threading
 * model"), with real time on it. I/O adapters hand their input to {@link #executor()}; callers on
 * other threads use {@link #call} and block only themselves.
 */
public final class EngineThread implements AutoCloseable {
    private final ScheduledExecutorService executor;
    private final Scheduler scheduler;

    private EngineThread(String name) {
        ScheduledThreadPoolExecutor e = new ScheduledThreadPoolExecutor(1,
                Thread.ofPlatform().name(name + "-engine").daemon(true).factory());
        e.setRemoveOnCancelPolicy(true); // engines cancel many timers
        e.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        this.executor = e;
        this.scheduler = new ExecutorScheduler(e);
    }

    public static EngineThread start(String name) {
        return new EngineThread(name);
    }

    /** Runs tasks on the engine thread. */
    public ScheduledExecutorService executor() {
        return executor;
    }

    /** Real time on the engine thread. */
    public Scheduler scheduler() {
        return scheduler;
    }

    /** Runs {@code task} on the engine thread and waits at most {@code timeout} for its result. */
    public <T> T call(Callable<T> task, Duration timeout) throws IOException {
        try {
            return CompletableFuture.supplyAsync(() -> {
                try {
                    return task.call();
                } catch (Exception e) {
                    throw new CompletionException(e);
                }
            }, executor).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            throw new IOException("client is closed", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() instanceof CompletionException c && c.getCause() != null ? c.getCause()
                    : e.getCause();
            if (cause instanceof RuntimeException r) {
                throw r;
            }
            throw new IOException(cause.getMessage(), cause);
        } catch (TimeoutException e) {
            throw new IOException("engine thread did not answer", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    /** Stops the thread; running tasks finish, waiting ones are dropped after two seconds. */
    @Override
    public void close() {
        executor.shutdown();
        try {
            if (!executor.awaitTermination(2, TimeUnit.SECONDS)) {
                executor.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
