package io.cohort.replication.sync;

import io.cohort.cluster.unit.WorkUnit;
import io.cohort.replication.UnitKey;
import io.cohort.replication.wire.ReplicationFrame;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * What one peer still has to be sent of this member's {@link OwnStateTable}: the set of dirty keys,
 * whose latest state (or removal) goes out when the connection can take it. Changes to one key
 * coalesce: however often it changes while the connection is busy or slow, it is one entry here
 * and one frame on the wire, so memory is bounded by the number of keys, never by the rate.
 *
 * <p>A connection that comes up first gets a snapshot (every key, between SNAPSHOT_BEGIN and
 * SNAPSHOT_END), then changes. Keys are sent in rounds: a round walks the dirty set as it stood
 * when the round began (a concurrent set's iterator sees every element present at its creation);
 * a barrier asked for before a round began follows that round, so its acknowledgement means the
 * peer applied everything put before the barrier was asked for.
 *
 * <p>{@link #markDirty}, {@link #dirtyIn}, {@link #isDirty}, {@link #barrier} and {@link #dirtyKeys} may be called
 * from any thread; everything else on the connection's thread.
 */
public final class PeerOutbox {
    /** Frames between two flushes within a drain, so that a large round reaches the socket in steps. */
    static final int FLUSH_EVERY = 128;

    private final OwnStateTable table;
    private final Runnable wakeup;
    private final Set<UnitKey> dirty = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean wakeupPending = new AtomicBoolean();
    private volatile boolean connected;

    // The connection's thread only.
    private boolean snapshotPending;
    private boolean snapshotRound;
    private long snapshotPuts;
    private Iterator<UnitKey> round;
    private long roundCoversBarrier;
    private long barrierSent;

    // Guarded by this.
    private final Map<Long, CompletableFuture<Void>> barriers = new TreeMap<>();
    private long barrierRequested;
    private boolean closed;

    /**
     * @param wakeup runs {@link #drain} soon on the connection's thread, whether a connection is up or
     *               not; called at most once until that drain starts
     */
    public PeerOutbox(OwnStateTable table, Runnable wakeup) {
        this.table = table;
        this.wakeup = wakeup;
        table.attach(this);
    }

    /** A connection to the peer is up: it gets a snapshot first, then every barrier not yet acknowledged. */
    public void connected() {
        connected = true; // before the snapshot's walk, so a put after it marks the key dirty itself
        dirty.addAll(table.keys());
        snapshotPending = true;
        snapshotRound = false;
        round = null;
        barrierSent = 0;
        requestDrain();
    }

    /** The connection is gone: nothing is kept for it, the next one starts with a snapshot. */
    public void disconnected() {
        connected = false;
        dirty.clear();
        table.pruneLeaving();
        round = null;
        snapshotPending = false;
        snapshotRound = false;
    }

    /**
     * The peer left the cluster: the outbox stops following the table and every barrier waiting
     * for this peer completes.
     */
    public void close() {
        disconnected();
        table.detach(this);
        Map<Long, CompletableFuture<Void>> waiting;
        synchronized (this) {
            closed = true;
            waiting = new TreeMap<>(barriers);
            barriers.clear();
        }
        waiting.values().forEach(f -> f.complete(null));
    }

    void markDirty(UnitKey key) {
        if (connected) {
            dirty.add(key);
            requestDrain();
        }
    }

    /** The keys of {@code units} still to be sent to this peer. */
    java.util.List<UnitKey> dirtyIn(Set<WorkUnit> units) {
        return dirty.stream().filter(k -> units.contains(k.unit())).toList();
    }

    boolean isDirty(UnitKey key) {
        return dirty.contains(key);
    }

    /**
     * Completes once the peer acknowledged everything put before this call; waits while the peer
     * is not connected, and completes at once if it is no longer a peer.
     */
    public CompletableFuture<Void> barrier() {
        CompletableFuture<Void> done = new CompletableFuture<>();
        synchronized (this) {
            if (closed) {
                return CompletableFuture.completedFuture(null);
            }
            barrierRequested++;
            barriers.put(barrierRequested, done);
        }
        requestDrain();
        return done;
    }

    /** The peer acknowledged the barrier {@code sequence}, so also every earlier one. */
    public void acknowledged(long sequence) {
        Map<Long, CompletableFuture<Void>> done = new TreeMap<>();
        synchronized (this) {
            var it = barriers.entrySet().iterator();
            while (it.hasNext()) {
                var e = it.next();
                if (e.getKey() > sequence) {
                    break;
                }
                done.put(e.getKey(), e.getValue());
                it.remove();
            }
        }
        done.values().forEach(f -> f.complete(null));
    }

    /**
     * The peer answered a put or removal of {@code unit} with {@code Outbid}: see
     * {@link OwnStateTable#outbid}; returns how many microseconds to wait before calling again, 0
     * if done.
     */
    public long outbid(WorkUnit unit, long epoch) {
        return table.outbid(unit, epoch);
    }

    /** Keys waiting to be sent. */
    public int dirtyKeys() {
        return dirty.size();
    }

    public boolean isConnected() {
        return connected;
    }

    /** Sends what is due while {@code sink} is writable, then flushes; {@link FrameSink#DISCONNECTED} when none is up. */
    public void drain(FrameSink sink) {
        wakeupPending.set(false);
        if (!connected) {
            return;
        }
        int sinceFlush = 0;
        while (sink.writable()) {
            if (round == null && !startRound(sink)) {
                break;
            }
            if (round.hasNext()) {
                send(round.next(), sink);
                if (++sinceFlush == FLUSH_EVERY) {
                    sink.flush();
                    sinceFlush = 0;
                }
            } else {
                endRound(sink);
            }
        }
        sink.flush();
    }

    /** Begins a round if anything is due; false if nothing is. */
    private boolean startRound(FrameSink sink) {
        long requested = barrierRequested();
        if (snapshotPending) {
            sink.send(new ReplicationFrame.SnapshotBegin());
            snapshotPending = false;
            snapshotRound = true;
            snapshotPuts = 0;
        } else if (dirty.isEmpty() && requested == barrierSent) {
            return false;
        }
        roundCoversBarrier = requested;
        round = dirty.iterator();
        return true;
    }

    private void endRound(FrameSink sink) {
        round = null;
        if (snapshotRound) {
            sink.send(new ReplicationFrame.SnapshotEnd(snapshotPuts, table.covered()));
            snapshotRound = false;
        }
        if (roundCoversBarrier > barrierSent) {
            sink.send(new ReplicationFrame.Barrier(roundCoversBarrier));
            barrierSent = roundCoversBarrier;
        }
    }

    private void send(UnitKey key, FrameSink sink) {
        round.remove(); // before reading the state: a put from now on marks the key again
        long epoch = table.epoch(key.unit());
        byte[] state = table.get(key);
        if (epoch < 0) { // the unit was forgotten since the key changed: its last change still goes
            OwnStateTable.Leaving last = table.leaving(key);
            if (last == null) {
                return;
            }
            epoch = last.epoch();
            state = last.state();
            table.leavingSent(key);
        }
        if (state != null) {
            sink.send(new ReplicationFrame.Put(key.unit(), key.key(), epoch, state));
            if (snapshotRound) {
                snapshotPuts++;
            }
        } else {
            sink.send(new ReplicationFrame.Remove(key.unit(), key.key(), epoch));
        }
    }

    private synchronized long barrierRequested() {
        return barrierRequested;
    }

    private void requestDrain() {
        if (wakeupPending.compareAndSet(false, true)) {
            wakeup.run();
        }
    }
}
