package io.cohort.server.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.cohort.cluster.unit.WorkUnit;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class UnitOwnershipTest {
    private static final WorkUnit U = WorkUnit.of(7);

    @Test
    void withSteeringAnOwnedUnitIsServedOnlyWhileTheMembersLeaseHolds() throws Exception {
        UnitOwnership ownership = new UnitOwnership("l2tp", true);
        AtomicBoolean lease = new AtomicBoolean(true);
        ownership.fencedBy(lease::get);
        ownership.unitsAssigned(Set.of(U));
        ownership.settled().toCompletableFuture().get(5, TimeUnit.SECONDS);
        assertThat(ownership.owns(U)).isTrue();

        lease.set(false); // paused, or cut off from the master: the lease lapsed

        assertThat(ownership.owns(U)).isFalse();
        assertThat(ownership.owned()).containsExactly(U); // still owned: its sessions are kept
    }

    /** A live move: served no more at once, let go of only once the state reached the other members. */
    @Test
    void aUnitMovingAwayIsLetGoOfOnlyOnceItsStateIsHandedOver() throws Exception {
        UnitOwnership ownership = new UnitOwnership("l2tp", true);
        CompletableFuture<Void> flushed = new CompletableFuture<>();
        List<Set<WorkUnit>> released = new CopyOnWriteArrayList<>();
        ownership.handsOverThrough(() -> flushed);
        ownership.handover(new UnitHandover() {
            @Override
            public CompletionStage<?> takeOver(Set<WorkUnit> units) {
                return CompletableFuture.completedFuture(null);
            }

            @Override
            public CompletionStage<?> release(Set<WorkUnit> units) {
                released.add(units);
                return CompletableFuture.completedFuture(null);
            }
        });
        ownership.unitsAssigned(Set.of(U));
        ownership.settled().toCompletableFuture().get(5, TimeUnit.SECONDS);

        CompletableFuture<?> moved = ownership.unitsMovedAway(Set.of(U)).toCompletableFuture();

        assertThat(ownership.owns(U)).isFalse();
        assertThat(moved).isNotDone();
        assertThat(released).isEmpty();

        flushed.complete(null);

        moved.get(5, TimeUnit.SECONDS);
        assertThat(released).containsExactly(Set.of(U));
        assertThat(ownership.owned()).isEmpty();
    }

    /** A member speaks for a unit as the only place its state can be only once it has served it a while. */
    @Test
    void aUnitIsSettledFiveSecondsAfterItIsServedAndNeverWithoutTheLease() throws Exception {
        long[] now = {0};
        UnitOwnership ownership = new UnitOwnership("l2tp", true, () -> now[0]);
        AtomicBoolean lease = new AtomicBoolean(true);
        ownership.fencedBy(lease::get);
        now[0] = 1_000_000_000L;
        ownership.unitsAssigned(Set.of(U));
        ownership.settled().toCompletableFuture().get(5, TimeUnit.SECONDS);

        now[0] += UnitOwnership.SETTLED.toNanos() - 1;
        assertThat(ownership.servesSettled(U)).isFalse();
        now[0] += 1;
        assertThat(ownership.servesSettled(U)).isTrue();
        lease.set(false);
        assertThat(ownership.servesSettled(U)).isFalse();
        assertThat(new UnitOwnership("l2tp", false).servesSettled(U)).as("a lone server").isTrue();
    }

    @Test
    void withoutSteeringEverythingIsServedWhateverTheLease() {
        UnitOwnership ownership = new UnitOwnership("l2tp", false);
        ownership.fencedBy(() -> false);
        assertThat(ownership.owns(U)).isTrue();
    }

    @Test
    void everyUnitCarriesSessionsUntilTheProtocolSaysWhichDo() {
        UnitOwnership ownership = new UnitOwnership("pptp", true);
        assertThat(ownership.unitBusy(U)).isTrue();

        ownership.sessionsOn(unit -> unit.value() == 3);

        assertThat(ownership.unitBusy(U)).isFalse();
        assertThat(ownership.unitBusy(WorkUnit.of(3))).isTrue();
    }
}
