package io.cohort.server.cluster;

import io.cohort.cluster.member.MemberId;
import io.cohort.cluster.membership.ClusterApplication;
import io.cohort.cluster.unit.WorkUnit;
import java.time.Duration;
import java.util.Collections;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One protocol's registration with the cluster layer: it is told which work units this member
 * owns, and which members come and go. With steering on ({@code [steering] mode}), the protocol
 * serves only packets of units it {@linkplain #owns owns} and gives its tunnels and calls
 * identifiers of those units; without it (no cluster, or mode none) it serves whatever reaches it.
 */
public final class UnitOwnership implements ClusterApplication {
    private static final Logger LOG = Logger.getLogger(UnitOwnership.class.getName());
    private static final int WORDS = WorkUnit.COUNT / Long.SIZE;
    /**
     * How long a unit must have been served here before this member speaks for it as the only
     * place its state could be ({@link #servesSettled}): longer than a member just started (alone
     * in a cluster of its own until it hears the real one, at the 200 ms watchdog) or just handed a
     * unit takes to learn that the unit is someone else's.
     */
    static final Duration SETTLED = Duration.ofSeconds(5);
    /** How long a unit moving away waits for its state to reach the other members before it is let go of. */
    static final Duration HANDOVER_WAIT = Duration.ofSeconds(2);

    private final String protocol;
    private final boolean steering;
    private volatile SortedSet<WorkUnit> owned = Collections.emptySortedSet();
    /** {@link #owned} as a bitmap for the per-packet check; replaced whole, never changed. */
    private volatile long[] ownedBits = new long[WORDS];
    /** When each owned unit began to be served here ({@link #nanos}); written under this, read from any thread. */
    private final java.util.concurrent.atomic.AtomicLongArray servedSince = new java.util.concurrent.atomic.AtomicLongArray(WorkUnit.COUNT);
    private final LongSupplier nanos;
    private volatile UnitHandover handover = UnitHandover.NONE;
    /** The cluster member's lease (fencing): owned units are served only while it holds. */
    private volatile BooleanSupplier lease = () -> true;
    /** Which units carry this protocol's sessions; until the protocol says, every unit (units then move one at a time). */
    private volatile Predicate<WorkUnit> sessionsOn = unit -> true;
    /** What a unit moving away waits for before it is let go of: its state at every other member. */
    private volatile Supplier<CompletionStage<?>> stateHandedOver = () -> CompletableFuture.completedFuture(null);
    /** Assignments and revocations take effect in the order they came, each after the one before. */
    private CompletableFuture<?> changes = CompletableFuture.completedFuture(null);

    UnitOwnership(String protocol, boolean steering) {
        this(protocol, steering, System::nanoTime);
    }

    UnitOwnership(String protocol, boolean steering, LongSupplier nanos) {
        this.protocol = protocol;
        this.steering = steering;
        this.nanos = nanos;
    }

    public String protocol() {
        return protocol;
    }

    /** Whether packets are steered by work unit: only owned units' packets are this member's. */
    public boolean steering() {
        return steering;
    }

    /** The units this member owns now, for this protocol. */
    public SortedSet<WorkUnit> owned() {
        return owned;
    }

    /**
     * Whether this member serves {@code unit}'s packets: always without steering; with it, while it
     * owns the unit and the cluster member's lease holds (a member resuming from a pause serves
     * nothing until a master renews its lease, cluster README "Fencing"). Any thread.
     */
    public boolean owns(WorkUnit unit) {
        int u = unit.value();
        return !steering || (ownedBits[u >>> 6] & 1L << u) != 0 && lease.getAsBoolean();
    }

    /**
     * Whether this member may speak for {@code unit} as the only place its state could be (answer
     * a packet of a tunnel or call it does not know with a StopCCN or a Call-Disconnect-Notify):
     * it {@linkplain #owns serves} the unit and has for at least {@link #SETTLED}. A member that
     * just started may be alone in a cluster of its own for a moment, owning every unit, before it
     * hears the real one; a unit just taken over or given back may be about to move again. Always
     * without steering (a lone server is the only place). Any thread.
     */
    public boolean servesSettled(WorkUnit unit) {
        return !steering || owns(unit) && nanos.getAsLong() - servedSince.get(unit.value()) >= SETTLED.toNanos();
    }

    /** The cluster member's lease check ({@code ClusterMember::leaseValid}); set when the member starts. */
    public void fencedBy(BooleanSupplier leaseValid) {
        this.lease = java.util.Objects.requireNonNull(leaseValid);
    }

    /**
     * The replication's barrier ({@code ReplicationService::flushed}): a unit that moves away
     * waits for it, at most {@link #HANDOVER_WAIT}, between the end of its service and letting go
     * of its sessions. Set when the member starts.
     */
    void handsOverThrough(Supplier<CompletionStage<?>> flushed) {
        this.stateHandedOver = java.util.Objects.requireNonNull(flushed);
    }

    /**
     * Which units carry this protocol's sessions (any thread, answered from memory): the cluster
     * moves the others at once and in bulk, these one at a time. Until set, every unit counts as
     * carrying sessions.
     */
    public void sessionsOn(Predicate<WorkUnit> units) {
        this.sessionsOn = java.util.Objects.requireNonNull(units);
    }

    @Override
    public boolean unitBusy(WorkUnit unit) {
        return sessionsOn.test(unit);
    }

    /**
     * What the protocol does when units change hands; set once, before the member starts (before
     * any unit is assigned).
     */
    public void handover(UnitHandover handover) {
        this.handover = java.util.Objects.requireNonNull(handover);
    }

    /** Completes once every assignment and revocation so far has taken effect (for tests). */
    public synchronized CompletionStage<?> settled() {
        return changes;
    }

    /**
     * The units are this member's: the protocol rebuilds their sessions first, then serves their
     * packets. A rebuild that fails is logged and the units are served anyway (their sessions are
     * lost, new ones can start).
     */
    @Override
    public synchronized void unitsAssigned(Set<WorkUnit> units) {
        Set<WorkUnit> copy = Set.copyOf(units);
        changes = changes.thenCompose(ignored -> handover.takeOver(copy)
                        .exceptionally(e -> {
                            LOG.log(Level.WARNING, protocol + ": rebuilding the sessions of " + copy.size()
                                    + " work units failed; serving them without", e);
                            return null;
                        }))
                .thenRun(() -> change(copy, true));
    }

    /** The units are not this member's any more: their packets stop at once, then the protocol lets go of them. */
    @Override
    public synchronized void unitsRevoked(Set<WorkUnit> units) {
        Set<WorkUnit> copy = Set.copyOf(units);
        changes = changes.thenCompose(ignored -> {
            change(copy, false);
            return releaseQuietly(copy);
        });
    }

    /**
     * A live move (the master de-assigns the units to give them to another member): their packets
     * stop at once, then the state published so far reaches every other member (the replication's
     * barrier, at most {@link #HANDOVER_WAIT}), then the protocol lets go of them; the move is
     * acknowledged, and the next owner rebuilds them, only after that.
     */
    @Override
    public synchronized CompletionStage<?> unitsMovedAway(Set<WorkUnit> units) {
        Set<WorkUnit> copy = Set.copyOf(units);
        CompletableFuture<?> moved = changes.thenCompose(ignored -> {
            change(copy, false);
            return handedOver(copy).thenCompose(flushed -> releaseQuietly(copy));
        });
        changes = moved;
        return moved;
    }

    private CompletableFuture<Boolean> handedOver(Set<WorkUnit> units) {
        CompletableFuture<Boolean> flushed;
        try {
            flushed = stateHandedOver.get().toCompletableFuture().thenApply(ignored -> true);
        } catch (RuntimeException e) {
            flushed = CompletableFuture.failedFuture(e);
        }
        return flushed.orTimeout(HANDOVER_WAIT.toMillis(), TimeUnit.MILLISECONDS).exceptionally(e -> {
            LOG.warning(() -> protocol + ": the state of " + units.size() + " work units moving away did not reach every"
                    + " other member within " + HANDOVER_WAIT.toMillis() + " ms (" + e + "); letting go of them anyway:"
                    + " their next owner rebuilds them from what it has");
            return false;
        });
    }

    private CompletionStage<?> releaseQuietly(Set<WorkUnit> units) {
        try {
            return handover.release(units).exceptionally(e -> {
                LOG.log(Level.WARNING, protocol + ": letting go of " + units.size() + " work units failed", e);
                return null;
            });
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, protocol + ": letting go of " + units.size() + " work units failed", e);
            return CompletableFuture.completedFuture(null);
        }
    }

    private synchronized void change(Set<WorkUnit> units, boolean assigned) {
        SortedSet<WorkUnit> next = new TreeSet<>(owned);
        if (assigned) {
            long now = nanos.getAsLong();
            units.forEach(unit -> servedSince.set(unit.value(), now));
            next.addAll(units);
        } else {
            next.removeAll(units);
        }
        publish(next);
        LOG.fine(() -> protocol + ": " + units.size() + " work units " + (assigned ? "assigned" : "revoked") + ", "
                + next.size() + " owned");
    }

    private void publish(SortedSet<WorkUnit> next) {
        long[] bits = new long[WORDS];
        for (WorkUnit unit : next) {
            bits[unit.value() >>> 6] |= 1L << unit.value();
        }
        ownedBits = bits;
        owned = Collections.unmodifiableSortedSet(next);
    }

    @Override
    public void memberLeft(MemberId member) {
        LOG.fine(() -> protocol + ": member " + member + " left");
    }
}
