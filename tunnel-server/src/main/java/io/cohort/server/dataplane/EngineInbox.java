package io.cohort.server.dataplane;

import io.cohort.telemetry.Counter;
import java.nio.ByteBuffer;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Hands packets from a reader thread (TUN, raw GRE socket) to the engine loop, in batches and
 * with a bound on how many may wait. Packets queue here; one engine task takes all that are
 * waiting when it runs, so a busy engine is handed one task per burst instead of one per packet
 * (each of which may wake the loop). The loop's own task queue has no bound, so a flood faster
 * than the engine would grow the heap without limit: past {@code limit} waiting packets a new one
 * is dropped and counted instead, as a full socket buffer would drop it.
 */
public final class EngineInbox {
    /** Packets that may wait for the engine per reader: a few milliseconds of line rate. */
    public static final int DEFAULT_LIMIT = 8192;

    private record Waiting(ByteBuffer packet, Consumer<ByteBuffer> handler) {
    }

    private final Executor engine;
    private final int limit;
    private final Counter dropped;
    private final Queue<Waiting> queue = new ConcurrentLinkedQueue<>();
    private final AtomicInteger waiting = new AtomicInteger();
    private final AtomicBoolean drainScheduled = new AtomicBoolean();

    public EngineInbox(Executor engine, int limit, Counter dropped) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be positive");
        }
        this.engine = engine;
        this.limit = limit;
        this.dropped = dropped;
    }

    /**
     * Copies {@code packet} (position to limit; valid during the call only) for {@code handler} to
     * take on the engine, unless {@code limit} packets are waiting already. Returns whether it was
     * queued. Packets are handled in the order offered.
     */
    public boolean offer(ByteBuffer packet, Consumer<ByteBuffer> handler) {
        if (waiting.incrementAndGet() > limit) {
            waiting.decrementAndGet();
            dropped.increment();
            return false;
        }
        queue.add(new Waiting(ByteBuffer.allocate(packet.remaining()).put(packet).flip(), handler));
        if (drainScheduled.compareAndSet(false, true)) {
            engine.execute(this::drain);
        }
        return true;
    }

    /** Packets queued and not yet taken by the engine. */
    public int waiting() {
        return waiting.get();
    }

    /** On the engine: everything queued so far. A packet queued after the flag is cleared schedules another drain. */
    private void drain() {
        drainScheduled.set(false);
        Waiting w;
        while ((w = queue.poll()) != null) {
            waiting.decrementAndGet();
            w.handler().accept(w.packet());
        }
    }
}
