package io.cohort.server.dataplane;

import io.cohort.telemetry.Counter;
import java.nio.ByteBuffer;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Hands packets from a reader thread (TUN, raw GRE socket) to the engine loop with a bound on
 * how many may wait there. The loop's own task queue has none, so a flood faster than the engine
 * would otherwise grow the heap without limit; past {@code limit} waiting packets a new one is
 * dropped and counted instead, as a full socket buffer would drop it, and the packets already
 * queued are still handled.
 */
public final class EngineInbox {
    /** Packets that may wait for the engine per reader: a few milliseconds of line rate. */
    public static final int DEFAULT_LIMIT = 8192;

    private final Executor engine;
    private final int limit;
    private final Counter dropped;
    private final AtomicInteger waiting = new AtomicInteger();

    public EngineInbox(Executor engine, int limit, Counter dropped) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be positive");
        }
        this.engine = engine;
        this.limit = limit;
        this.dropped = dropped;
    }

    /**
     * Copies {@code packet} (position to limit; valid during the call only) and has {@code handler}
     * take the copy on the engine, unless {@code limit} packets are waiting already. Returns whether
     * it was queued.
     */
    public boolean offer(ByteBuffer packet, Consumer<ByteBuffer> handler) {
        if (waiting.incrementAndGet() > limit) {
            waiting.decrementAndGet();
            dropped.increment();
            return false;
        }
        ByteBuffer copy = ByteBuffer.allocate(packet.remaining()).put(packet).flip();
        engine.execute(() -> {
            waiting.decrementAndGet();
            handler.accept(copy);
        });
        return true;
    }

    /** Packets queued and not yet taken by the engine. */
    public int waiting() {
        return waiting.get();
    }
}
