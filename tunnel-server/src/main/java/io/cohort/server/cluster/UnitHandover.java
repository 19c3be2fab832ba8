package io.cohort.server.cluster;

import io.cohort.cluster.unit.WorkUnit;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * What a protocol does when work units change hands (patent, figure 7): it rebuilds the sessions
 * the replicas hold for units it takes over, and lets go of those of units it gives up, sending
 * nothing for them any more (their new owner carries on).
 */
public interface UnitHandover {
    /**
     * {@code units} are this member's now: rebuild their replicated tunnels and sessions. The
     * protocol serves their packets ({@link UnitOwnership#owns}) only once the returned stage
     * completes, so no packet of a unit meets a member that has not rebuilt it yet. Called on the
     * cluster node's thread: do the work on the protocol's own thread and complete from there.
     */
    CompletionStage<?> takeOver(Set<WorkUnit> units);

    /**
     * {@code units} are no longer this member's: forget their tunnels and sessions without a word
     * to the peer. Called after {@link UnitOwnership#owns} stopped answering true for them, on the
     * cluster node's thread (or the one handing the member's sessions over): do the work on the
     * protocol's own thread and complete the returned stage from there.
     */
    CompletionStage<?> release(Set<WorkUnit> units);

    /** A protocol with nothing to rebuild or let go of. */
    UnitHandover NONE = new UnitHandover() {
        @Override
        public CompletionStage<?> takeOver(Set<WorkUnit> units) {
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public CompletionStage<?> release(Set<WorkUnit> units) {
            return CompletableFuture.completedFuture(null);
        }
    };
}
