package io.cohort.server.runtime;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A {@link ServerRuntimeFactory} for tests of the life cycle around the protocol runtime: it
 * records the context it was given and when start and stop were called, and can be told to fail
 * its start.
 */
public final class RecordingRuntimeFactory implements ServerRuntimeFactory {
    public final CompletableFuture<ServerContext> context = new CompletableFuture<>();
    public final CountDownLatch started = new CountDownLatch(1);
    public final AtomicInteger stops = new AtomicInteger();
    private final Exception startFailure;

    private RecordingRuntimeFactory(Exception startFailure) {
        this.startFailure = startFailure;
    }

    public static RecordingRuntimeFactory working() {
        return new RecordingRuntimeFactory(null);
    }

    public static RecordingRuntimeFactory failingWith(Exception e) {
        return new RecordingRuntimeFactory(e);
    }

    @Override
    public ServerRuntime create(ServerContext ctx) {
        context.complete(ctx);
        return new ServerRuntime() {
            @Override
            public void start() throws Exception {
                if (startFailure != null) {
                    throw startFailure;
                }
                started.countDown();
            }

            @Override
            public void stop() {
                stops.incrementAndGet();
            }
        };
    }
}
